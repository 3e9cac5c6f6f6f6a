"""The review subcommands of ``trackerhub identities`` (list, show, merge, unmerge, move, lock,
unlock) and ``.mailmap`` in and out, on a small git.git-like history, on SQLite and PostgreSQL."""

import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from adapters.django_orm.github.models import Commit, CommitCoAuthor
from adapters.django_orm.hub.models import AuditEntry, Identity, Merge, Profile, Recommendation
from adapters.django_orm.hub.recommendations import DjangoRecommendationStore
from adapters.django_orm.mailing_lists.models import MailingListMessage
from adapters.django_orm.main.identities.recommendations import reviewer
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity import IdentityHub
from core.identity.mailmap import mailmap_recommendations
from core.protocols.audit import Actor
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim
from core.protocols.refs import GitAuthorRef, IdentityRef, ProfileRef
from tests.support.databases import both_databases

ALIASES = both_databases()

# (name, email, commits), as git.git's history has them.
AUTHORS = [
    ("Junio C Hamano", "gitster@pobox.com", 3),
    ("Junio C Hamano", "junkio@cox.net", 2),
    ("Junio Hamano", "jch@google.com", 1),
    ("Jeff King", "peff@peff.net", 2),
    ("Jeff King", "peff@github.com", 1),
    ("Shawn O. Pearce", "spearce@spearce.org", 1),
    ("Shawn Pearce", "sop@google.com", 1),
    ("Linus Torvalds", "torvalds@linux-foundation.org", 2),
]

MAILMAP = """\
#
# This list is used by git-shortlog to fix a few botched name translations
# in the git archive, either because the author's full name was messed up
# and/or not always written the same way, making contributions from the
# same person appearing not to be so.
#

Jeff King <peff@peff.net> <peff@github.com>
Junio C Hamano <gitster@pobox.com> <junkio@cox.net>
Junio C Hamano <gitster@pobox.com> Junio Hamano <jch@google.com>
Shawn O. Pearce <spearce@spearce.org> <sop@google.com>
Somebody without an address
"""


def history(alias: str) -> tuple[IdentityHub, dict[str, ProfileRef]]:
    """The authors' profiles through the hub, their commits, and Jeff on the mailing list."""
    hub = IdentityHub(DjangoUnitOfWork(alias))
    refs: dict[str, ProfileRef] = {}
    sha = 0
    for name, email, commits in AUTHORS:
        ref = hub.get_or_create(GitAuthorClaim(name=name, email=email))
        assert ref is not None
        refs[email] = ref
        for _ in range(commits):
            sha += 1
            commit = Commit(repository="git/git", sha=f"{sha:040x}")
            commit.author = commit.committer = ref
            commit.save(using=alias)
    sender = hub.get_or_create(MailingListSenderClaim("Jeff King", "peff@peff.net"))
    assert sender is not None
    refs["list:peff@peff.net"] = sender
    message = MailingListMessage(
        list_name="git",
        message_id="<20240101.peff@peff.net>",
        message_id_hash="a" * 64,
        thread_hash="a" * 64,
    )
    message.sender = sender
    message.save(using=alias)
    return hub, refs


def identities(alias: str, *args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("identities", *args, "--json", "--database", alias, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def text(alias: str, *args: str) -> str:
    out = StringIO()
    call_command("identities", *args, "--database", alias, stdout=out)
    return out.getvalue()


def grouping(alias: str) -> set[frozenset[str]]:
    """The profiles (as kind:key) that share an identity, for identities of 2+ profiles."""
    groups: dict[int, set[str]] = {}
    for row in Profile.objects.using(alias).filter(identity__isnull=False):
        assert row.identity_id is not None
        groups.setdefault(row.identity_id, set()).add(f"{row.kind}:{row.key}")
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def mailing_list_key(alias: str) -> str:
    return str(
        Profile.objects.using(alias).filter(kind="mailing_list").values_list("key", flat=True).get()
    )


def expected(alias: str) -> set[frozenset[str]]:
    return {
        frozenset(
            {
                "git_author:email:gitster@pobox.com",
                "git_author:email:junkio@cox.net",
                "git_author:email:jch@google.com",
            }
        ),
        frozenset(
            {
                "git_author:email:peff@peff.net",
                "git_author:email:peff@github.com",
                f"mailing_list:{mailing_list_key(alias)}",
            }
        ),
        frozenset({"git_author:email:spearce@spearce.org", "git_author:email:sop@google.com"}),
    }


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_git_history_when_its_mailmap_is_imported_twice_then_the_second_run_changes_nothing(
    alias: str, tmp_path: Path
) -> None:
    _, refs = history(alias)
    mailmap = tmp_path / ".mailmap"
    mailmap.write_text(MAILMAP)

    first = identities(alias, "import-mailmap", str(mailmap))
    audit = AuditEntry.objects.using(alias).count()
    people = Identity.objects.using(alias).count()
    second = identities(alias, "import-mailmap", str(mailmap))

    assert grouping(alias) == expected(alias)
    assert len(first["created"]) == 3
    assert first["problems"] == [
        f"{mailmap}: line 12: no <email>: git ignores the line: 'Somebody without an address'"
    ]
    assert (
        Profile.objects.using(alias)
        .get(pk=refs["torvalds@linux-foundation.org"].profile_id)
        .identity_id
        is None
    )
    assert (second["created"], second["merged"], second["linked"]) == ([], [], [])
    # Each group's first profile with each other one: 2 + 2 + 1 pairs, stored as accepted.
    assert (first["recommendations"], second["recommendations"]) == (5, 0)
    assert (first["dismissed"], second["dismissed"]) == ([], [])
    rows = Recommendation.objects.using(alias)
    assert (
        sorted(rows.values_list("status", "rules", "score", "decided_by_name"))
        == [("accepted", ["mailmap"], 1.0, "import-mailmap")] * 5
    )
    assert AuditEntry.objects.using(alias).count() == audit
    assert Identity.objects.using(alias).count() == people
    junio = Identity.objects.using(alias).get(display_name="Junio C Hamano")
    entry = AuditEntry.objects.using(alias).filter(operation="link").order_by("pk").first()
    assert entry is not None
    assert junio.display_name == "Junio C Hamano"


@pytest.mark.parametrize("alias", ALIASES)
def test_given_identities_split_across_a_mailmap_when_imported_then_they_are_merged_by_the_job(
    alias: str, tmp_path: Path
) -> None:
    hub, refs = history(alias)
    user = Actor.user("reviewer")
    jeff = hub.create_identity("Jeff King", actor=user)
    hub.link(refs["peff@peff.net"], jeff, actor=user)
    peff = hub.create_identity("Peff", actor=user)
    hub.link(refs["peff@github.com"], peff, actor=user)
    mailmap = tmp_path / ".mailmap"
    mailmap.write_text(MAILMAP)

    result = identities(alias, "import-mailmap", str(mailmap), "--reason", "git.git's mailmap")

    [merged] = result["merged"]
    assert (merged["into"], merged["others"]) == (jeff.identity_id, [peff.identity_id])
    assert grouping(alias) == expected(alias)
    merge = Merge.objects.using(alias).get()
    assert merge.pk == merged["merge"]
    assert merge.actor_kind == "job" and merge.actor_name == "import-mailmap"
    assert merge.reason == "git.git's mailmap"
    finding, _score, mailmap_evidence = merge.evidence
    assert finding == {
        "rule": "mailmap",
        "first": "Jeff King <peff@peff.net>",
        "second": f"{mailmap}:8",
        "score": 1.0,
        "conclusive": True,
    }
    assert mailmap_evidence == {
        "rule": "mailmap",
        "file": str(mailmap),
        "lines": [8],
        "shown_as": "Jeff King <peff@peff.net>",
    }
    row = Recommendation.objects.using(alias).get(pk=merged["recommendation"])
    assert (row.status, row.decided_by_kind, row.decided_by_name) == (
        "accepted",
        "job",
        "import-mailmap",
    )
    assert (row.first_id, row.second_id) == (
        refs["peff@peff.net"].profile_id,
        refs["peff@github.com"].profile_id,
    )


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_locked_identity_when_a_mailmap_is_imported_then_it_is_left_alone_and_reported(
    alias: str, tmp_path: Path
) -> None:
    hub, refs = history(alias)
    user = Actor.user("reviewer")
    jeff = hub.create_identity("Jeff King", actor=user)
    hub.link(refs["peff@peff.net"], jeff, actor=user)
    identities(alias, "lock", str(jeff.identity_id))
    mailmap = tmp_path / ".mailmap"
    mailmap.write_text(MAILMAP)

    result = identities(alias, "import-mailmap", str(mailmap))
    report = text(alias, "import-mailmap", str(mailmap))

    assert [item["identities"] for item in result["locked"]] == [[jeff.identity_id]]
    assert f"left alone, locked identity {jeff.identity_id}: Jeff King <peff@peff.net>" in report
    assert hub.profiles_of(jeff) == [refs["peff@peff.net"]]
    assert hub.identity_of(refs["peff@github.com"]) is None
    assert len(grouping(alias)) == 2  # Junio's and Shawn's
    # Junio's and Shawn's pairs only: the locked group's were not stored.
    assert result["recommendations"] == 3
    assert Recommendation.objects.using(alias).count() == 3


@pytest.mark.parametrize("alias", ALIASES)
def test_given_a_dismissed_pair_when_a_mailmap_joins_it_then_it_stays_dismissed_and_reported(
    alias: str, tmp_path: Path
) -> None:
    _, refs = history(alias)
    mailmap = tmp_path / ".mailmap"
    mailmap.write_text(MAILMAP)
    shawn, sop = refs["spearce@spearce.org"], refs["sop@google.com"]
    [proposal] = mailmap_recommendations([shawn, sop], file="x", lines=[1], shown_as="Shawn")
    DjangoRecommendationStore(alias).save_open([proposal], datetime.now(UTC))
    review = reviewer(alias)
    [stored] = review.listing()
    review.dismiss(stored.id, Actor.user("reviewer"), "two people")

    result = identities(alias, "import-mailmap", str(mailmap))
    again = identities(alias, "import-mailmap", str(mailmap))
    printed = text(alias, "import-mailmap", str(mailmap))

    assert result["dismissed"] == [
        {
            "recommendation": stored.id,
            "profiles": [shawn.profile_id, sop.profile_id],
            "status": "dismissed",
            "shown_as": "Shawn O. Pearce <spearce@spearce.org>",
        }
    ]
    assert again["dismissed"] == result["dismissed"]
    assert f"left alone, recommendation {stored.id} was dismissed" in printed
    assert Recommendation.objects.using(alias).get(pk=stored.id).status == "dismissed"
    assert result["recommendations"] == 4 and again["recommendations"] == 0
    assert len(grouping(alias)) == 2  # Junio's and Jeff's


@pytest.mark.parametrize("alias", ALIASES)
def test_given_reviewed_identities_when_exported_then_a_fresh_import_groups_them_the_same(
    alias: str, tmp_path: Path
) -> None:
    hub, refs = history(alias)
    mailmap = tmp_path / ".mailmap"
    mailmap.write_text(MAILMAP)
    identities(alias, "import-mailmap", str(mailmap))
    # A reviewer splits Shawn's Google address off and puts Linus with it, as a test of the
    # export (not of history).
    shawn = hub.identity_of(refs["spearce@spearce.org"])
    assert shawn is not None
    identities(alias, "move", str(refs["sop@google.com"].profile_id), "--none")
    other = hub.create_identity("Linus Torvalds", actor=Actor.user("reviewer"))
    hub.link(refs["torvalds@linux-foundation.org"], other, actor=Actor.user("reviewer"))
    hub.link(refs["sop@google.com"], other, actor=Actor.user("reviewer"))
    before = grouping(alias)
    exported = tmp_path / "exported.mailmap"

    result = identities(alias, "export-mailmap", "--output", str(exported))
    # A fresh hub: the same profiles, no identities.
    Profile.objects.using(alias).update(identity=None)
    AuditEntry.objects.using(alias).all().delete()
    Merge.objects.using(alias).all().delete()
    Identity.objects.using(alias).update(merged_into=None)
    Identity.objects.using(alias).all().delete()
    Recommendation.objects.using(alias).all().delete()
    identities(alias, "import-mailmap", str(exported))

    assert result["people"] == 3
    assert exported.read_text().splitlines()[3:] == [
        "<peff@peff.net> <peff@github.com>",
        "Junio C Hamano <gitster@pobox.com> <jch@google.com>",
        "<gitster@pobox.com> <junkio@cox.net>",
        "Linus Torvalds <torvalds@linux-foundation.org> <sop@google.com>",
    ]
    assert grouping(alias) == before


@pytest.mark.parametrize("alias", ALIASES)
def test_given_identities_when_listed_and_shown_then_profiles_and_activity_per_tracker_show(
    alias: str, tmp_path: Path
) -> None:
    _, refs = history(alias)
    mailmap = tmp_path / ".mailmap"
    mailmap.write_text(MAILMAP)
    identities(alias, "import-mailmap", str(mailmap))
    jeff = Identity.objects.using(alias).get(display_name="Jeff King")
    # Linus's commit, co-authored by Jeff's two addresses: one commit, once per profile.
    linus = Commit.objects.using(alias).filter(
        author_profile_id=refs["torvalds@linux-foundation.org"].profile_id
    )[0]
    for position, email in enumerate(["peff@peff.net", "peff@github.com"]):
        co_author = CommitCoAuthor(commit=linus, position=position)
        co_author.person = refs[email]
        co_author.person_kind = refs[email].kind.value
        co_author.save(using=alias)

    listed = identities(alias, "list", "--search", "peff@github")
    shown = identities(alias, "show", str(jeff.pk))
    printed = text(alias, "show", str(jeff.pk))

    assert [i["id"] for i in listed["identities"]] == [jeff.pk]
    assert listed["identities"][0]["profiles"] == {"git_author": 2, "mailing_list": 1}
    assert shown["activity"] == {"github.commit": 4, "mailing_lists.message": 1}
    by_key = {p["key"]: p for p in shown["profiles"]}
    assert by_key["email:peff@peff.net"]["activity"] == {"github.commit": 3}
    assert by_key["email:peff@github.com"]["activity"] == {"github.commit": 2}
    stats = StringIO()
    call_command("stats", "--json", "--database", alias, stdout=stats)
    assert set(shown["activity"]) <= set(json.loads(stats.getvalue())["records"])
    assert by_key["email:peff@peff.net"]["emails"] == ["peff@peff.net"]
    assert "git_author profile" in printed and "github.commit 4" in printed
    assert refs["peff@peff.net"].profile_id in [p["id"] for p in shown["profiles"]]


@pytest.mark.parametrize("alias", ALIASES)
def test_given_two_identities_when_merged_moved_and_unmerged_by_a_user_then_each_is_undone(
    alias: str,
) -> None:
    hub, refs = history(alias)
    user = Actor.user("reviewer")
    junio = hub.create_identity("Junio C Hamano", actor=user)
    hub.link(refs["gitster@pobox.com"], junio, actor=user)
    old = hub.create_identity("", actor=user)
    hub.link(refs["junkio@cox.net"], old, actor=user)

    merged = identities(alias, "merge", str(junio.identity_id), str(old.identity_id))
    assert hub.identity_of(refs["junkio@cox.net"]) == junio
    assert Merge.objects.using(alias).get().actor_kind == "user"
    moved = identities(
        alias, "move", str(refs["junkio@cox.net"].profile_id), "--to", str(junio.identity_id)
    )
    assert moved["from"] == moved["to"] == junio.identity_id
    undone = identities(alias, "unmerge", str(merged["merge"]))
    assert undone["revived"] == [old.identity_id]
    assert hub.identity_of(refs["junkio@cox.net"]) == old
    identities(alias, "lock", str(old.identity_id))
    assert hub.is_locked(old)
    identities(alias, "unlock", str(old.identity_id))
    assert not hub.is_locked(old)


@pytest.mark.parametrize("alias", ALIASES)
def test_given_bad_input_when_a_review_command_runs_then_it_fails_with_one_line(
    alias: str, tmp_path: Path
) -> None:
    hub, refs = history(alias)
    junio = hub.create_identity("Junio C Hamano", actor=Actor.user("reviewer"))
    merge = hub.merge(junio, [hub.create_identity("x")], actor=Actor.user("r"), reason="")
    hub.unmerge(merge, actor=Actor.user("r"), reason="")

    cases = [
        (("show", "999"), "no identity with id 999"),
        (("show", "abc"), "not an id: 'abc'"),
        (("unmerge", str(merge.merge_id)), "already undone"),
        (("merge", str(junio.identity_id), str(junio.identity_id)), "into itself"),
        (("move", "9999", "--none"), "no profile with id 9999"),
        (("move", str(refs["jch@google.com"].profile_id), "--to", "999"), "no identity"),
        (("import-mailmap", str(tmp_path / "missing")), "cannot read"),
        (("list", "--limit", "0"), "--limit must be at least 1"),
        # Beyond what a 64-bit id column holds: no traceback from the database driver.
        (("show", "9" * 23), "not an id: '9{23}'"),
        (("move", "9" * 20, "--none"), "not an id"),
        (("list", "--limit", "9" * 23), "--limit must be at least 1 and at most"),
        (("recommendations", "--limit", "9" * 23), "--limit must be at least 1 and at most"),
    ]
    for args, message in cases:
        with pytest.raises(CommandError, match=message) as raised:
            text(alias, *args)
        assert "\n" not in str(raised.value)
    assert isinstance(refs["jch@google.com"], GitAuthorRef)
    assert IdentityRef(junio.identity_id) == junio
