"""Resolving N claims and looking up N refs cost a number of queries that does not grow
with N, on SQLite and PostgreSQL."""

from collections.abc import Callable

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.protocols import (
    GitHubAccountClaim,
    GitHubAccountType,
    MailingListSenderClaim,
    ProfileClaim,
    ProfileRef,
    RedditUserClaim,
    SlackUserClaim,
)
from tests.contract.conftest import Backend


def mixed_claims(n: int, offset: int = 0) -> list[ProfileClaim[ProfileRef]]:
    claims: list[ProfileClaim[ProfileRef]] = []
    for i in range(offset, offset + n):
        claims.append(
            GitHubAccountClaim(github_id=i + 1, login=f"user{i}", email=f"u{i}@example.com")
        )
        claims.append(GitHubAccountClaim(login=f"owner{i}"))
        claims.append(SlackUserClaim(f"U{i:06d}", display_name=f"User {i}"))
        claims.append(MailingListSenderClaim(f"Sender {i}", f"s{i}@example.com"))
        claims.append(RedditUserClaim(f"redditor_{i}"))
    return claims


def queries(backend: Backend, action: Callable[[], object]) -> int:
    assert backend.alias is not None
    with CaptureQueriesContext(connections[backend.alias]) as captured:
        action()
    return len(captured.captured_queries)


def test_creating_profiles_costs_the_same_queries_for_5_and_for_300_claims(
    django_backend: Backend,
) -> None:
    hub = django_backend.hub()

    small = queries(django_backend, lambda: hub.get_or_create_many(mixed_claims(1)))
    large = queries(django_backend, lambda: hub.get_or_create_many(mixed_claims(60, offset=1)))

    assert small == large
    assert large <= 10


def test_resolving_known_profiles_with_changes_costs_the_same_for_any_batch(
    django_backend: Backend,
) -> None:
    hub = django_backend.hub()
    hub.get_or_create_many(mixed_claims(61))

    def upgrade(ids: range) -> Callable[[], object]:
        # Logins first seen as owners get their ids: every row changes.
        return lambda: hub.get_or_create_many(
            [
                GitHubAccountClaim(
                    github_id=10_000 + i, login=f"owner{i}", account_type=GitHubAccountType.USER
                )
                for i in ids
            ]
        )

    assert queries(django_backend, upgrade(range(1))) == queries(
        django_backend, upgrade(range(1, 61))
    )


def test_looking_up_refs_costs_the_same_queries_for_any_number(django_backend: Backend) -> None:
    hub: IdentityHub = django_backend.hub()
    refs = [ref for ref in hub.get_or_create_many(mixed_claims(60)) if ref is not None]

    assert queries(django_backend, lambda: hub.get_many(refs[:1])) == queries(
        django_backend, lambda: hub.get_many(refs)
    )
    assert queries(django_backend, lambda: hub.existing(refs[:1])) == queries(
        django_backend, lambda: hub.existing(refs)
    )
    assert queries(django_backend, lambda: hub.find_many(mixed_claims(1))) == queries(
        django_backend, lambda: hub.find_many(mixed_claims(60))
    )
