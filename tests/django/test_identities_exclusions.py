"""``trackerhub identities exclusions``: the user's exclusion terms, on SQLite and PostgreSQL,
and what the next ``recommend`` does with them."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from adapters.django_orm.hub.models import ExclusionTerm
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity import IdentityHub
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim
from tests.support.databases import both_databases

ALIASES = both_databases()


def identities(alias: str, *args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("identities", *args, "--json", "--database", alias, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def text(alias: str, *args: str) -> str:
    out = StringIO()
    call_command("identities", *args, "--database", alias, stdout=out)
    return out.getvalue()


def one_address_pair(alias: str) -> None:
    """Two profiles whose only shared evidence is an address (the names differ)."""
    IdentityHub(DjangoUnitOfWork(alias)).get_or_create_many(
        [
            GitAuthorClaim("Jane Roe", "jr@corp.acme.io"),
            MailingListSenderClaim("J. Roe", "jr@corp.acme.io"),
        ]
    )


@pytest.mark.parametrize("alias", ALIASES)
def test_given_an_address_added_when_recommend_then_the_recommendation_resting_on_it_closes(
    alias: str,
) -> None:
    one_address_pair(alias)
    assert identities(alias, "recommend")["open"] == 1
    added = identities(alias, "exclusions", "--add", "JR@corp.acme.io", "--as", "address")
    assert added["added"] == "jr@corp.acme.io"
    assert added["user"]["address"] == ["jr@corp.acme.io"]
    report = identities(alias, "recommend")
    assert (report["changed_profiles"], report["closed"], report["open"]) == (2, 1, 0)
    assert identities(alias, "recommend")["changed_profiles"] == 0


@pytest.mark.parametrize("alias", ALIASES)
def test_given_an_excluded_address_when_removed_then_the_next_recommend_brings_it_back(
    alias: str,
) -> None:
    one_address_pair(alias)
    identities(alias, "exclusions", "--add", "jr@corp.acme.io", "--as", "address")
    assert identities(alias, "recommend")["open"] == 0
    removed = identities(alias, "exclusions", "--remove", "jr@corp.acme.io", "--as", "address")
    assert (removed["removed"], removed["user"]["address"]) == ("jr@corp.acme.io", [])
    report = identities(alias, "recommend")
    assert (report["changed_profiles"], report["opened"], report["open"]) == (2, 1, 1)


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_dismissed_recommendation_when_its_host_is_excluded_then_it_stays_dismissed(
    alias: str,
) -> None:
    one_address_pair(alias)
    identities(alias, "recommend")
    (item,) = identities(alias, "recommendations")["recommendations"]
    identities(alias, "dismiss", str(item["id"]))
    identities(alias, "exclusions", "--add", "acme.io", "--as", "host")
    identities(alias, "recommend")
    (kept,) = identities(alias, "recommendations", "--all")["recommendations"]
    assert (kept["id"], kept["status"]) == (item["id"], "dismissed")


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_built_in_term_when_removed_then_a_one_line_error(alias: str) -> None:
    with pytest.raises(CommandError) as raised:
        identities(alias, "exclusions", "--remove", "localhost", "--as", "host")
    assert str(raised.value) == "host 'localhost' is built in and cannot be removed"
    with pytest.raises(CommandError, match="already excluded"):
        identities(alias, "exclusions", "--add", "LocalHost", "--as", "host")
    assert not ExclusionTerm.objects.using(alias).exists()


@pytest.mark.parametrize("alias", ALIASES)
def test_given_user_terms_when_listed_then_built_in_ones_are_marked_and_the_users_are_not(
    alias: str,
) -> None:
    identities(alias, "exclusions", "--add", "Build Robot", "--as", "username")
    listing = identities(alias, "exclusions")
    assert "dependabot" in listing["built_in"]["username"]
    assert listing["user"]["username"] == ["build robot"]
    shown = text(alias, "exclusions").splitlines()
    assert "  localhost  (built in)" in shown
    assert "  build robot" in shown
    assert shown[-1] == "1 user exclusion(s), on top of the built-in ones"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add", "x@y.org"], "--add needs --as"),
        (["--as", "host"], "--as goes with --add or --remove"),
        (["--add", "not an address", "--as", "address"], "not an address: 'not an address'"),
        (["--remove", "a@b.org", "--as", "address"], "address 'a@b.org' is not excluded"),
    ],
)
@pytest.mark.django_db
def test_given_bad_arguments_when_exclusions_then_a_one_line_error(
    args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as raised:
        identities("default", "exclusions", *args)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
