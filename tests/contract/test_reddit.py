"""What is the reddit tracker's own, on every adapter: memory, SQLite, PostgreSQL. What its
stores do as every record store does is in test_record_stores.py."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.ingest import ingest
from core.protocols import RedditUserClaim, RedditUserRef
from core.protocols.ingest import Outcome
from core.protocols.refs import ProfileKind
from tests.contract.conftest import Backend
from trackers.reddit.ingest import COMMENTS, REDDIT, SUBMISSIONS
from trackers.reddit.records import CommentSeen, RedditSeen, SubmissionSeen, UserSeen
from trackers.reddit.sources.reddit_json import read_reddit_json

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reddit"
T0 = datetime(2024, 3, 1, tzinfo=UTC)
POST = "t3_1b3xk9q"


def thread(start: int, n: int) -> list[RedditSeen]:
    """A submission, ``n`` comments on it, each by a user of its own and replying to the one
    before, and the about of the first commenter."""
    post = f"t3_p{start:05d}"
    author = RedditUserClaim("alice_dev", "t2_4f1k2x9")
    items: list[RedditSeen] = [SubmissionSeen(post, "cpp", author, f"post {start}", seen_at=T0)]
    for i in range(start, start + n):
        items.append(
            CommentSeen(
                f"t1_c{i:06d}",
                post,
                post if i == start else f"t1_c{i - 1:06d}",
                "cpp",
                RedditUserClaim(f"user_{i}", f"t2_u{i}"),
                body=f"comment {i} ünïcødé & <more>",
                score=i,
                depth=i - start,
                created_at=T0 + timedelta(minutes=i),
                seen_at=T0,
            )
        )
    items.append(UserSeen(RedditUserClaim(f"user_{start}", f"u{start}", f"User {start}")))
    return items


def test_a_comment_page_is_stored_with_its_authors_as_reddit_profiles(backend: Backend) -> None:
    # given a saved comment page with deleted, AutoModerator and bot comments
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items = list(read_reddit_json(FIXTURES / "comments_1b3xk9q.json"))

    # when it is ingested
    summary = ingest(REDDIT, items, uow, hub, origin="comments_1b3xk9q.json")

    # then its submission and comments are added, people as reddit profiles or no one
    assert summary.counts[SUBMISSIONS.name][Outcome.ADDED] == 1
    assert summary.counts[COMMENTS.name][Outcome.ADDED] == 7
    with uow:
        post = uow.records(SUBMISSIONS).get_many([POST])[POST]
        stored = uow.records(COMMENTS).get_many(["t1_kx9g7ab", "t1_kx9h1cd", "t1_kx9e000"])
    assert isinstance(post.author, RedditUserRef)
    assert stored["t1_kx9g7ab"].author == post.author  # alice_dev, who posted and replied
    assert stored["t1_kx9h1cd"].author is None  # [deleted]
    assert stored["t1_kx9e000"].author is None  # AutoModerator
    assert hub.count_profiles()[ProfileKind.REDDIT] == 4
    snapshot = hub.get(post.author)
    assert snapshot is not None and snapshot.record.username == "alice_dev"


def test_ingesting_twice_reports_everything_unchanged(backend: Backend) -> None:
    # given a thread ingested once
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(REDDIT, thread(0, 10), uow, hub, origin="a.json")

    # when it is ingested again
    again = ingest(REDDIT, thread(0, 10), uow, hub, origin="a.json")

    # then every record is found unchanged
    assert dict(again.counts) == {
        SUBMISSIONS.name: {Outcome.UNCHANGED: 1},
        COMMENTS.name: {Outcome.UNCHANGED: 10},
    }


def test_a_newer_sighting_updates_and_an_older_one_changes_nothing(backend: Backend) -> None:
    # given a thread stored from a file saved at T0
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(REDDIT, thread(0, 3), uow, hub, origin="a.json")

    # when it is read again from files saved a day later, then a day earlier
    later = [
        CommentSeen("t1_c000001", score=50, body="edited", seen_at=T0 + timedelta(days=1)),
        CommentSeen(
            "t1_c000002", author=RedditUserClaim("[deleted]"), seen_at=T0 + timedelta(days=1)
        ),
    ]
    newer = ingest(REDDIT, later, uow, hub, origin="b.json")
    older = ingest(
        REDDIT,
        [CommentSeen("t1_c000001", score=1, seen_at=T0 - timedelta(days=1))],
        uow,
        hub,
        origin="c.json",
    )

    # then the newer one updated the score and text, the deleted author erased no one
    assert dict(newer.counts[COMMENTS.name]) == {Outcome.UPDATED: 2}
    assert dict(older.counts[COMMENTS.name]) == {Outcome.UNCHANGED: 1}
    with uow:
        stored = uow.records(COMMENTS).get_many(["t1_c000001", "t1_c000002"])
    first, second = stored["t1_c000001"], stored["t1_c000002"]
    assert (first.score, first.body, first.parent) == (50, "edited", "t1_c000000")
    assert second.author is not None and second.body == "comment 2 ünïcødé & <more>"


def test_a_batch_costs_the_same_queries_for_5_and_for_150_comments_hub_queries_included(
    django_backend: Backend,
) -> None:
    # given one unit of work for the records and the hub, on a database
    alias = django_backend.alias
    assert alias is not None
    uow = django_backend.make_uow()
    hub = django_backend.hub(uow=uow)

    def cost(items: list[RedditSeen]) -> tuple[int, int]:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(REDDIT, items, uow, hub, origin="page.json")
        queries = [query["sql"] for query in captured.captured_queries]
        return len(queries), sum("hub_" in sql for sql in queries)

    # when a thread of 5 comments is ingested, then one of 150
    small = cost(thread(0, 5))
    large = cost(thread(5, 150))

    # then both cost the same queries, the hub's included
    assert small == large
    assert small[1] > 0
