"""The reddit ingest use case on the memory adapters: no database, no Django."""

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import RedditUserClaim
from core.protocols.ingest import Outcome, SourceProblem
from core.protocols.refs import ProfileKind
from tests.unit.reddit.strategies import T0, items
from trackers.reddit.ingest import COMMENTS, REDDIT, SUBMISSIONS
from trackers.reddit.records import (
    Comment,
    CommentSeen,
    RedditSeen,
    Submission,
    SubmissionSeen,
    UserSeen,
)
from trackers.reddit.sources.reddit_json import read_reddit_json

FIXTURES = Path(__file__).parents[2] / "fixtures" / "reddit"
ALICE = RedditUserClaim("alice_dev", "t2_4f1k2x9")
LATER = T0 + timedelta(hours=1)


def fresh() -> tuple[MemoryUnitOfWork, IdentityHub]:
    uow = MemoryUnitOfWork()
    return uow, IdentityHub(uow)


def records_of(seen: list[RedditSeen]) -> list[RedditSeen]:
    return [item for item in seen if isinstance(item, Submission | Comment)]


def comment(**changes: Any) -> CommentSeen:
    values: dict[str, Any] = {
        "fullname": "t1_kx9f2qz",
        "submission": "t3_1b3xk9q",
        "parent": "t3_1b3xk9q",
        "subreddit": "cpp",
        "author": ALICE,
        "body": "expected > exceptions",
        "score": 3,
        "depth": 0,
        "created_at": T0,
        "seen_at": T0,
    }
    values.update(changes)
    return CommentSeen(**values)


def stored_comment(uow: MemoryUnitOfWork, fullname: str = "t1_kx9f2qz") -> Any:
    return uow.records(COMMENTS).get_many([fullname])[fullname]


# -- properties --------------------------------------------------------------------------


@given(st.lists(items, max_size=25), st.integers(min_value=1, max_value=8))
def test_ingesting_the_same_input_twice_changes_nothing(
    seen: list[RedditSeen], batch_size: int
) -> None:
    # given the items ingested once
    uow, hub = fresh()
    ingest(REDDIT, seen, uow, hub, origin="page.json", batch_size=batch_size)
    stored = dict(uow.state)
    profiles = hub.count_profiles()

    # when they are ingested again
    again = ingest(REDDIT, seen, uow, hub, origin="page.json", batch_size=batch_size)

    # then nothing changed, no profile is new, and every record is reported unchanged
    assert uow.state == stored
    assert hub.count_profiles() == profiles
    outcomes = sum((Counter(c) for c in again.counts.values()), Counter())
    assert outcomes == Counter({Outcome.UNCHANGED: len(records_of(seen))})


@given(st.lists(items, max_size=20), st.lists(items, max_size=20))
def test_a_later_ingest_never_loses_a_known_value_and_only_a_newer_sighting_changes_one(
    first: list[RedditSeen], second: list[RedditSeen]
) -> None:
    # given what a first collect stored
    uow, hub = fresh()
    ingest(REDDIT, first, uow, hub, origin="a.json")
    before = dict(uow.state)

    # when a second collect reads other sightings
    ingest(REDDIT, second, uow, hub, origin="b.json")

    # then every known value is still known, and changed only by a strictly newer sighting
    old: Any
    for key, old in before.items():
        new = uow.state[key]
        newer = any(
            isinstance(item, Submission | Comment)
            and item.fullname == key[1]
            and item.seen_at is not None
            and (old.seen_at is None or item.seen_at > old.seen_at)
            for item in second
        )
        for field in attrs.fields(type(old)):
            value = getattr(old, field.name)
            if value not in (None, ""):
                assert getattr(new, field.name) not in (None, "")
                if not newer:
                    assert getattr(new, field.name) == value


@given(st.lists(items, max_size=25))
def test_every_record_is_counted_once_under_its_record_type(seen: list[RedditSeen]) -> None:
    # given any sightings, users' abouts among them
    uow, hub = fresh()

    # when they are ingested in batches of 4
    summary = ingest(REDDIT, seen, uow, hub, origin="page.json", batch_size=4)

    # then each submission and comment counts once, under its type, and an about nowhere
    for record_type, kind in ((SUBMISSIONS, Submission), (COMMENTS, Comment)):
        counts = summary.counts.get(record_type.name, Counter())
        assert sum(counts.values()) == sum(isinstance(item, kind) for item in seen)
    assert set(summary.counts) <= {SUBMISSIONS.name, COMMENTS.name}


# -- merge rules -------------------------------------------------------------------------


def test_a_newer_sighting_updates_the_score_and_an_older_one_only_fills_gaps() -> None:
    # given a comment seen at T0, then seen an hour later with a new score and an edit
    uow, hub = fresh()
    ingest(REDDIT, [comment(depth=None)], uow, hub, origin="a.json")
    ingest(
        REDDIT,
        [comment(score=40, body="expected > exceptions (edited)", edited_at=LATER, seen_at=LATER)],
        uow,
        hub,
        origin="b.json",
    )

    # when a sighting older than both is read last
    summary = ingest(
        REDDIT,
        [comment(score=1, body="first draft", seen_at=T0 - timedelta(days=1))],
        uow,
        hub,
        origin="c.json",
    )

    # then the newest sighting's values stand, and the old one filled in nothing known
    stored = stored_comment(uow)
    assert (stored.score, stored.body, stored.edited_at, stored.depth) == (
        40,
        "expected > exceptions (edited)",
        LATER,
        0,
    )
    assert dict(summary.counts[COMMENTS.name]) == {Outcome.UNCHANGED: 1}


def test_a_sighting_saved_at_the_same_moment_only_fills_gaps() -> None:
    # given a comment stored without its permalink
    uow, hub = fresh()
    ingest(REDDIT, [comment(permalink="")], uow, hub, origin="a.json")

    # when a sighting saved at the same moment gives another score and the permalink
    ingest(
        REDDIT,
        [comment(score=99, permalink="/r/cpp/comments/1b3xk9q/comment/kx9f2qz/")],
        uow,
        hub,
        origin="b.json",
    )

    # then it is not newer: the score stays, the permalink is filled in
    stored = stored_comment(uow)
    assert (stored.score, stored.permalink) == (3, "/r/cpp/comments/1b3xk9q/comment/kx9f2qz/")


def test_a_comment_deleted_later_keeps_its_author_and_body_while_its_score_updates() -> None:
    # given a comment stored with its author and body
    uow, hub = fresh()
    ingest(REDDIT, [comment()], uow, hub, origin="a.json")
    author = stored_comment(uow).author

    # when a newer sighting shows it deleted
    deleted = comment(author=RedditUserClaim("[deleted]"), body="", score=-2, seen_at=LATER)
    ingest(REDDIT, [deleted], uow, hub, origin="b.json")

    # then who wrote it and what it said stay, and the newer score wins
    stored = stored_comment(uow)
    assert author is not None
    assert (stored.author, stored.body, stored.score) == (author, "expected > exceptions", -2)


def test_deleted_and_automoderator_are_no_one_and_bots_are_users() -> None:
    # given comments by [deleted], AutoModerator and RemindMeBot
    uow, hub = fresh()
    seen = [
        comment(fullname="t1_a1", author=RedditUserClaim("[deleted]")),
        comment(fullname="t1_a2", author=RedditUserClaim("AutoModerator", "t2_6l4z3")),
        comment(fullname="t1_a3", author=RedditUserClaim("RemindMeBot", "t2_gbomb")),
    ]

    # when they are ingested
    ingest(REDDIT, seen, uow, hub, origin="page.json")

    # then only the bot that is not AutoModerator is a profile
    authors = [stored_comment(uow, f"t1_a{i}").author for i in (1, 2, 3)]
    assert authors[:2] == [None, None] and authors[2] is not None
    assert hub.count_profiles()[ProfileKind.REDDIT] == 1


def test_usernames_are_one_user_whatever_their_case_and_an_about_names_them() -> None:
    # given a user seen with and without an id, in two cases, and their about
    uow, hub = fresh()
    seen: list[RedditSeen] = [
        comment(fullname="t1_a1", author=RedditUserClaim("Alice_Dev")),
        comment(fullname="t1_a2", author=ALICE),
        UserSeen(RedditUserClaim("alice_dev", "4f1k2x9", "Alice & her compilers")),
    ]

    # when they are ingested
    summary = ingest(REDDIT, seen, uow, hub, origin="page.json")

    # then they are one profile, named by the about, which counts as no record
    first, second = stored_comment(uow, "t1_a1").author, stored_comment(uow, "t1_a2").author
    assert first == second is not None
    assert hub.count_profiles()[ProfileKind.REDDIT] == 1
    snapshot = hub.get(first)
    assert snapshot is not None
    assert (snapshot.record.display_name, snapshot.record.external_id) == (
        "Alice & her compilers",
        "t2_4f1k2x9",
    )
    assert sum(summary.counts[COMMENTS.name].values()) == 2


def test_a_username_the_hub_refuses_skips_that_record_only() -> None:
    # given a hostile file's comment whose author is no Reddit username
    uow, hub = fresh()
    bad = comment(fullname="t1_bad", author=RedditUserClaim("not a user!"))

    # when it is ingested with a good one
    summary = ingest(REDDIT, [comment(), bad], uow, hub, origin="page.json")

    # then the good one is stored and the bad one reported, named by its fullname
    assert list(uow.state) == [(COMMENTS.name, "t1_kx9f2qz")]
    assert summary.counts[COMMENTS.name][Outcome.SKIPPED] == 1
    (problem,) = summary.problems
    assert (problem.path, problem.position) == ("page.json", "reddit.comment t1_bad")
    assert "is not a Reddit username" in problem.reason


def test_a_score_no_column_holds_refuses_its_record_and_names_it() -> None:
    # given a hostile file's post with a score beyond 64 bits
    uow, hub = fresh()
    big = SubmissionSeen("t3_1b3xk9q", score=2**70, seen_at=T0)

    # when it is ingested
    summary = ingest(REDDIT, [big], uow, hub, origin="page.json")

    # then it is refused, the problem naming it and why, and nothing is stored
    (problem,) = summary.problems
    assert problem.position == "reddit.submission t3_1b3xk9q"
    assert "score 1180591620717411303424 is out of range" in problem.reason
    assert uow.state == {}


def test_problems_from_the_reader_are_counted_as_skipped_items() -> None:
    # given a thing the reader could not read, and a file it could not read at all
    uow, hub = fresh()
    problems = [
        SourceProblem("page.json", "item 3", "comment: score should be an integer, not '12'"),
        SourceProblem("forbidden.json", "", "a Reddit error response, not a listing: 403"),
    ]

    # when they are ingested
    summary = ingest(REDDIT, problems, uow, hub, origin="page.json")

    # then both are reported
    assert summary.problems == problems
    # A whole-file problem skips no thing: only the one at a position counts.
    assert dict(summary.counts) == {"reddit.item": Counter({Outcome.SKIPPED: 1})}


def test_a_comment_page_and_its_raw_json_twin_are_one_set_of_records() -> None:
    # given the same comment page saved escaped and with raw_json=1
    uow, hub = fresh()
    escaped = list(read_reddit_json(FIXTURES / "comments_1b3xk9q.json"))
    raw = list(read_reddit_json(FIXTURES / "comments_1b3xk9q_raw_json.json"))

    # when both are ingested
    first = ingest(REDDIT, escaped, uow, hub, origin="a.json")
    ingest(REDDIT, raw, uow, hub, origin="b.json")

    # then each thing is stored once, people resolved: deleted and AutoModerator as no one
    assert first.counts[SUBMISSIONS.name][Outcome.ADDED] == 1
    assert first.counts[COMMENTS.name][Outcome.ADDED] == 7
    assert len(uow.state) == 8
    assert stored_comment(uow, "t1_kx9h1cd").author is None
    assert stored_comment(uow, "t1_kx9e000").author is None
    # alice_dev, carol_cpp, RemindMeBot, erin_codes
    assert hub.count_profiles()[ProfileKind.REDDIT] == 4
