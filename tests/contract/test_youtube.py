"""What is the YouTube tracker's own, on every adapter: memory, SQLite, PostgreSQL. What its
stores do as every record store does is in test_record_stores.py."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols import YouTubeSpeakerClaim, YouTubeSpeakerRef
from core.protocols.ingest import Outcome
from core.protocols.refs import ProfileKind
from tests.contract.conftest import Backend
from trackers.youtube.ingest import CHANNELS, TRANSCRIPTS, VIDEOS, YOUTUBE
from trackers.youtube.records import Channel, Transcript, VideoSeen, YouTubeSeen
from trackers.youtube.sources.info_json import read_info_json

FIXTURES = Path(__file__).parents[1] / "fixtures" / "youtube" / "videos"
CPPCON = "UCMlGfpWw-RUdWX_JbLCukXg"
T0 = datetime(2023, 11, 14, tzinfo=UTC)


def talk(i: int, *speakers: str, **changes: object) -> VideoSeen:
    values: dict[str, object] = {
        "video_id": f"talk{i:07}",
        "title": f"Talk {i} - CppCon 2023",
        "channel_id": CPPCON,
        "upload_date": (T0 - timedelta(days=i)).date(),
        "view_count": 1000 + i,
        "tags": ("c++", f"tag {i % 5}"),
        "speakers": tuple(YouTubeSpeakerClaim(name) for name in speakers) or None,
        "fetched_at": T0,
    }
    values.update(changes)
    return VideoSeen(**values)  # type: ignore[arg-type]


def test_videos_store_their_speakers_as_youtube_profiles_one_across_channels(
    backend: Backend,
) -> None:
    # given Sean Parent's talks on two channels, and a talk naming no one
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items = [
        talk(1, "Sean Parent", "Dave Abrahams", channel_id="UCqJoxc0CBBuF5YhYn8i2oGQ"),
        talk(2, "Sean  Parent"),
        talk(3),
    ]

    # when they are ingested
    summary = ingest(YOUTUBE, items, uow, hub, origin="videos/")

    # then each speaker is one youtube profile, named in each talk's order
    assert summary.counts[VIDEOS.name][Outcome.ADDED] == 3
    with uow:
        stored = uow.records(VIDEOS).get_many(["talk0000001", "talk0000002", "talk0000003"])
    first, second, third = (stored[f"talk000000{i}"].speakers or () for i in (1, 2, 3))
    assert len(first) == 2 and all(isinstance(ref, YouTubeSpeakerRef) for ref in first)
    assert second == first[:1]
    assert third == ()
    assert hub.count_profiles() == {ProfileKind.YOUTUBE: 2}


def test_the_fixtures_store_their_channels_videos_and_transcripts(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items: list[object] = [
        item for path in sorted(FIXTURES.glob("*.info.json")) for item in read_info_json(path)
    ]

    ingest(YOUTUBE, items, uow, hub, origin="videos/")

    with uow:
        assert uow.records(VIDEOS).count() == 6
        assert uow.records(TRANSCRIPTS).count() == 3
        cppcon = uow.records(CHANNELS).get_many([CPPCON])[CPPCON]
    # the channel's own file (the newest) gave its description and tags; the videos' files
    # gave nothing to erase them with
    assert cppcon.description == "Talks from CppCon, the C++ conference."
    assert cppcon.tags == ("C++", "CppCon", "programming")
    assert cppcon.follower_count == 160000
    assert hub.count_profiles() == {ProfileKind.YOUTUBE: 6}


def test_ingesting_twice_reports_everything_unchanged(backend: Backend) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    items: list[YouTubeSeen] = [talk(i, f"Speaker {chr(65 + i % 3)} Smith") for i in range(10)]
    items.append(Channel(CPPCON, name="CppCon", tags=("C++", "CppCon"), fetched_at=T0))
    items.append(Transcript("talk0000001", "en", "Hi, I'm Speaker B Smith.", False, T0))
    ingest(YOUTUBE, items, uow, hub, origin="videos/")

    again = ingest(YOUTUBE, items, uow, hub, origin="videos/")

    assert {name: dict(counts) for name, counts in again.counts.items()} == {
        VIDEOS.name: {Outcome.UNCHANGED: 10},
        CHANNELS.name: {Outcome.UNCHANGED: 1},
        TRANSCRIPTS.name: {Outcome.UNCHANGED: 1},
    }


def test_a_newer_file_replaces_counts_and_speakers_and_an_older_one_fills_in(
    backend: Backend,
) -> None:
    uow = backend.make_uow()
    hub = backend.hub(uow=uow)
    ingest(YOUTUBE, [talk(1, "Ben Saks", like_count=None)], uow, hub, origin="a")

    newer = talk(1, "Ben Saks", "Dan Saks", view_count=5000, fetched_at=T0 + timedelta(days=9))
    older = talk(1, like_count=77, view_count=1, fetched_at=T0 - timedelta(days=9))
    ingest(YOUTUBE, [newer], uow, hub, origin="b")
    ingest(YOUTUBE, [older], uow, hub, origin="c")

    with uow:
        stored = uow.records(VIDEOS).get_many(["talk0000001"])["talk0000001"]
    assert (stored.view_count, stored.like_count, len(stored.speakers or ())) == (5000, 77, 2)
    assert stored.fetched_at == T0 + timedelta(days=9)


def activity(start: int, n: int) -> list[YouTubeSeen]:
    items: list[YouTubeSeen] = []
    for i in range(start, start + n):
        channel = f"UC{i:022}"
        items.append(Channel(channel, name=f"Channel {i}", tags=("c++", f"t{i}"), fetched_at=T0))
        items.append(
            talk(
                i,
                f"Speaker{i} Smith",
                f"Guest{i} Jones",
                channel_id=channel,
                categories=("Education",),
            )
        )
        items.append(Transcript(f"talk{i:07}", "en", f"My name is Speaker{i} Smith.", True, T0))
    return items


def test_a_batch_costs_the_same_queries_for_5_and_for_150_of_each_record(
    django_backend: Backend,
) -> None:
    assert django_backend.alias is not None
    alias = django_backend.alias
    uow = django_backend.make_uow()
    hub: IdentityHub = django_backend.hub(uow=uow)

    def cost(items: list[YouTubeSeen]) -> tuple[int, int]:
        with CaptureQueriesContext(connections[alias]) as captured:
            ingest(YOUTUBE, items, uow, hub, origin="videos/")
        queries = [query["sql"] for query in captured.captured_queries]
        return len(queries), sum("hub_" in sql for sql in queries)

    small = cost(activity(0, 5))
    large = cost(activity(5, 150))

    assert small == large
    assert small[1] > 0  # the hub's queries are counted too
