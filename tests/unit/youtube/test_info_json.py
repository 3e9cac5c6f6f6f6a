"""Reading yt-dlp and youtube-dl info files, on committed fixtures (tests/fixtures/youtube,
written by make_fixtures.py), then bad input and properties."""

import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from core.protocols.claims import YouTubeSpeakerClaim
from core.protocols.ingest import SourceProblem
from core.sources import json_files, json_lines
from core.sources.files import files_under
from tests.unit.youtube.strategies import info_objects
from trackers.youtube.records import Channel, Transcript, Video, VideoSeen, YouTubeSeen
from trackers.youtube.sources.info_json import read_info_json

FIXTURES = Path(__file__).parents[2] / "fixtures" / "youtube"
VIDEOS = FIXTURES / "videos"
BROKEN = FIXTURES / "broken"
CPPCON = "UCMlGfpWw-RUdWX_JbLCukXg"
EPOCH = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)  # 1700000000


def read(path: Path) -> list[YouTubeSeen | SourceProblem]:
    return list(read_info_json(path))


def only(path: Path) -> dict[type, list[object]]:
    """What the file gives, by class; fails on any problem."""
    items = read(path)
    assert not [item for item in items if isinstance(item, SourceProblem)], items
    found: dict[type, list[object]] = {}
    for item in items:
        found.setdefault(type(item), []).append(item)
    return found


def video_in(name: str) -> VideoSeen:
    [video] = only(next(VIDEOS.glob(f"*{name}*.info.json")))[Video]
    assert isinstance(video, Video)
    return video


def test_a_yt_dlp_info_file_reads_into_its_video_with_every_field() -> None:
    video = video_in("b2bI8nitZ0q")

    assert attrs.evolve(video, description="") == VideoSeen(
        video_id="b2bI8nitZ0q",
        title="Back to Basics: Initialization in C++ - Ben Saks - CppCon 2023",
        channel_id=CPPCON,
        uploader="CppCon",
        upload_date=date(2023, 10, 12),
        uploaded_at=datetime(2023, 10, 12, 20, 0, tzinfo=UTC),
        duration=3655,
        view_count=12045,
        like_count=402,
        comment_count=31,
        tags=("c++", "cpp", "cppcon", "back to basics", "initialization"),
        categories=("Science & Technology",),
        url="https://www.youtube.com/watch?v=b2bI8nitZ0q",
        live_status="not_live",
        availability="public",
        speakers=(YouTubeSpeakerClaim("Ben Saks"),),
        fetched_at=EPOCH,
    )
    assert video.description.startswith("https://cppcon.org/\n---\n\nBack to Basics")


def test_a_video_file_gives_its_channel_as_the_file_saw_it() -> None:
    [channel] = only(next(VIDEOS.glob("*b2bI8nitZ0q*.info.json")))[Channel]

    assert channel == Channel(
        channel_id=CPPCON,
        name="CppCon",
        handle="@CppCon",
        url=f"https://www.youtube.com/channel/{CPPCON}",
        description="",  # a video's file tells nothing of the channel's description
        tags=None,  # nor of its tags: the stored ones are kept
        follower_count=158000,
        fetched_at=EPOCH,
    )


def test_the_subtitles_beside_a_video_are_its_transcripts_in_every_language() -> None:
    transcripts = only(next(VIDEOS.glob("*b2bI8nitZ0q*.info.json")))[Transcript]

    assert [
        (t.language, t.automatic, t.text) for t in transcripts if isinstance(t, Transcript)
    ] == [
        (
            "de",
            False,
            "Hallo zusammen,\nich heiße Ben Saks.\nHeute geht es um Initialisierung & C++.",
        ),
        (
            "en",
            True,
            "hi everyone my name is ben saks\nand today we talk about\ninitialization >> in C++",
        ),
    ]


def test_an_older_youtube_dl_file_has_no_channel_and_keeps_what_it_says() -> None:
    # given youtube-dl's file: no channel fields, uploader_id, webpage_url, _type or epoch
    found = only(next(VIDEOS.glob("*oLdYtDl2017*.info.json")))

    # then the video is read without a channel row, and its speaker from the quoted title
    assert Channel not in found
    [video] = found[Video]
    assert isinstance(video, Video)
    assert (video.channel_id, video.uploader, video.url, video.fetched_at) == (
        "",
        "BoostCon",
        "",
        None,
    )
    assert (video.view_count, video.like_count, video.comment_count) == (56007, None, None)
    assert video.speakers == (YouTubeSpeakerClaim("Sean Parent"),)
    assert (video.upload_date, video.uploaded_at) == (date(2017, 6, 12), None)


def test_null_counts_and_fields_read_as_not_said() -> None:
    # given yt-dlp -j output of an upcoming premiere: counts, description and tags null
    video = video_in("upC0m1ngPr3")

    assert (video.view_count, video.like_count, video.comment_count) == (None, None, None)
    assert (video.description, video.tags, video.uploaded_at) == ("", None, None)
    assert video.live_status == "is_upcoming"
    assert video.speakers == (YouTubeSpeakerClaim("Ólafur Waage"),)


def test_two_speakers_in_a_title_are_both_read_and_a_fractional_duration_is_rounded() -> None:
    video = video_in("c0ntr4ctsX1")

    assert video.speakers == (
        YouTubeSpeakerClaim("Sean Parent"),
        YouTubeSpeakerClaim("Dave Abrahams"),
    )
    assert video.duration == 4214


def test_a_description_speaker_line_names_the_speaker_and_text_is_cleaned() -> None:
    # given a meetup talk whose title names no one, its description holding a NUL and a
    # lone surrogate, written with every non-ASCII character escaped (as yt-dlp -j prints)
    video = video_in("m33tupT4lk0")

    assert video.speakers == (YouTubeSpeakerClaim("Hana Dusíková"),)
    assert video.description.endswith("Slides: https://example.org/ctre.pdf\ufffd")
    assert "\x00" not in video.description


def test_a_transcript_introduction_names_the_speaker_when_nothing_else_does() -> None:
    found = only(next(VIDEOS.glob("*k3yn0t3Intr*.info.json")))

    [video] = found[Video]
    [transcript] = found[Transcript]
    assert isinstance(video, Video) and isinstance(transcript, Transcript)
    assert video.speakers == (YouTubeSpeakerClaim("Nicolai Josuttis"),)
    assert transcript.language == "en-US"


def test_a_channel_level_file_among_the_videos_gives_the_channel_and_no_video() -> None:
    # given the channel's own file, _type playlist, in the folder of videos
    [channel] = only(VIDEOS / f"CppCon - Videos [{CPPCON}].info.json")[Channel]

    # then it is the channel, with its own description and tags
    assert channel == Channel(
        channel_id=CPPCON,
        name="CppCon",
        handle="@CppCon",
        url=f"https://www.youtube.com/channel/{CPPCON}",
        description="Talks from CppCon, the C++ conference.",
        tags=("C++", "CppCon", "programming"),
        follower_count=160000,
        fetched_at=datetime(2023, 11, 15, 0, 13, 20, tzinfo=UTC),
    )


def test_a_folder_of_videos_reads_every_video_once_and_every_channel_it_names() -> None:
    items = [
        item for path in files_under([VIDEOS], (".info.json",)) for item in read(Path(str(path)))
    ]

    assert not [item for item in items if isinstance(item, SourceProblem)]
    videos = sorted(item.video_id for item in items if isinstance(item, Video))
    assert videos == [
        "b2bI8nitZ0q",
        "c0ntr4ctsX1",
        "k3yn0t3Intr",
        "m33tupT4lk0",
        "oLdYtDl2017",
        "upC0m1ngPr3",
    ]
    channels = {item.channel_id for item in items if isinstance(item, Channel)}
    assert len(channels) == 4
    assert sum(isinstance(item, Transcript) for item in items) == 3


def test_a_playlist_dump_reads_its_full_entries_as_videos_and_notes_the_links() -> None:
    # given yt-dlp -J of a playlist: two full entries and two --flat-playlist links
    items = read(FIXTURES / "playlist_dump.info.json")

    # then the playlist's channel (not described: the playlist is not the channel), each full
    # entry with its channel, and one note for the links
    assert [type(item).__name__ for item in items] == [
        "Channel",
        "Channel",
        "Video",
        "Channel",
        "Video",
        "SourceProblem",
    ]
    first = items[0]
    assert isinstance(first, Channel) and (first.description, first.tags) == ("", None)
    assert [item.speakers for item in items if isinstance(item, Video)] == [
        (YouTubeSpeakerClaim("Ed Catmur"),),
        (YouTubeSpeakerClaim("Griswald Brooks"),),
    ]
    assert items[-1] == SourceProblem(
        str(FIXTURES / "playlist_dump.info.json"),
        "entries",
        "2 of its entries are links, not videos (--flat-playlist): each video linked is read"
        " from its own .info.json",
        skipped=False,
    )


def test_yt_dlp_j_output_of_a_playlist_reads_a_video_a_line() -> None:
    # given yt-dlp -j of a playlist saved to one file: two videos, a link, a blank line, a
    # line cut short and a line that is no object
    path = FIXTURES / "playlist_lines.info.json"

    items = read(path)

    # then each video is read, with its channel if it names one, and each bad line reported
    assert [item.video_id for item in items if isinstance(item, Video)] == [
        "j50nL1ne001",
        "j50nL1ne003",
    ]
    assert [item.channel_id for item in items if isinstance(item, Channel)] == [
        "UCqJoxc0CBBuF5YhYn8i2oGQ"
    ]
    assert [item for item in items if isinstance(item, SourceProblem)] == [
        SourceProblem(
            str(path), "line 4 column 32", "not valid JSON: Unterminated string starting at"
        ),
        SourceProblem(str(path), "line 5", "not an object but an array"),
        SourceProblem(
            str(path),
            "lines",
            "1 of its lines is a link, not a video (--flat-playlist): each video linked is read"
            " from its own .info.json",
            skipped=False,
        ),
    ]


def test_a_line_longer_than_a_line_is_read_up_to_is_reported_and_the_next_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given lines read up to 200 bytes, and a file whose second line is longer
    monkeypatch.setattr(json_lines, "LINE_UP_TO", 200)
    path = tmp_path / "lines.info.json"
    lines = [
        {"id": "a0000000001"},
        {"id": "a0000000002", "description": "x" * 500},
        {"id": "a0000000003"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))

    items = read(path)

    assert [item.video_id for item in items if isinstance(item, Video)] == [
        "a0000000001",
        "a0000000003",
    ]
    assert [item for item in items if isinstance(item, SourceProblem)] == [
        SourceProblem(str(path), "line 2", "longer than the 200 bytes a line is read up to")
    ]


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("html_error_page", [("line 1 column 1", "not valid JSON: Expecting value")]),
        ("truncated", [("line 1 column 2340", "not valid JSON: Unterminated string starting at")]),
        ("array", [("", "not a JSON object but an array")]),
        ("utf16", [("byte 0", "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)")]),
        ("no_id", [("", "not a yt-dlp info file: it has no id")]),
        ("vimeo", [("", "not a YouTube video: yt-dlp read it as Vimeo's")]),
        ("flat_link", [("", "a link to a video or a playlist, not its info (--flat-playlist)")]),
        (
            "wrong_types",
            [("video wr0ngTyp3s0", "like_count should be a count, not true")],
        ),
        (
            "bad_date",
            [("video b4dD4t3xxxx", "upload_date should be a YYYYMMDD date, not '2023-10-12'")],
        ),
        (
            "bad_entries",
            [
                ("entry 0", "not an object but a string"),
                ("entry 2", "view_count should be a count, not '12,045'"),
            ],
        ),
    ],
)
def test_bad_input_gives_problems_with_file_position_and_reason(
    name: str, problems: list[tuple[str, str]]
) -> None:
    path = BROKEN / f"{name}.info.json"

    found = [(p.path, p.position, p.reason) for p in read(path) if isinstance(p, SourceProblem)]

    assert found == [(str(path), position, reason) for position, reason in problems]


def test_the_good_entries_of_a_playlist_with_bad_ones_are_read() -> None:
    items = read(BROKEN / "bad_entries.info.json")

    assert [item.video_id for item in items if isinstance(item, Video)] == ["g00dEntry01"]


def write(tmp_path: Path, info: object) -> Path:
    path = tmp_path / "x.info.json"
    path.write_text(json.dumps(info))
    return path


@pytest.mark.parametrize(
    ("fields", "channel_id", "handle"),
    [
        # yt-dlp before 2023: uploader_id the legacy user name, the handle only in the URL
        (
            {
                "uploader_id": "CppCon",
                "uploader_url": "https://www.youtube.com/@CppCon",
                "channel_url": f"https://www.youtube.com/channel/{CPPCON}",
            },
            CPPCON,
            "@CppCon",
        ),
        # youtube-dl: the channel id only in uploader_url, or as the uploader_id
        ({"uploader_url": f"http://www.youtube.com/channel/{CPPCON}"}, CPPCON, ""),
        ({"uploader_id": CPPCON}, CPPCON, ""),
        # a legacy /user/ URL names no channel id
        (
            {"uploader_id": "BoostCon", "uploader_url": "http://www.youtube.com/user/BoostCon"},
            None,
            "",
        ),
    ],
)
def test_the_channel_id_and_handle_are_found_wherever_the_file_version_puts_them(
    tmp_path: Path, fields: dict[str, str], channel_id: str | None, handle: str
) -> None:
    items = read(write(tmp_path, {"id": "b2bI8nitZ0q", "title": "t", **fields}))

    channels = [item for item in items if isinstance(item, Channel)]
    assert [(c.channel_id, c.handle) for c in channels] == (
        [] if channel_id is None else [(channel_id, handle)]
    )
    [video] = [item for item in items if isinstance(item, Video)]
    assert video.channel_id == (channel_id or "")


@pytest.mark.parametrize(
    ("info", "reason"),
    [
        ({"id": 42}, "id should be a string, not 42"),
        ({"id": ""}, "not a yt-dlp info file: it has no id"),
        ({"id": "../../etc/passwd"}, "id should be a YouTube id, not '../../etc/passwd'"),
        ({"id": "x" * 65}, f"id should be a YouTube id, not '{'x' * 40}'..."),
        ({"id": "a", "_type": "channel"}, "_type should be a video or a playlist, not 'channel'"),
        (
            {"_type": "playlist", "id": "PLx"},
            "a playlist that names no channel and holds no videos",
        ),
        ({"_type": "playlist", "entries": {}}, "entries should be an array, not an object"),
    ],
)
def test_a_file_that_is_no_video_or_channel_is_one_problem_for_the_file(
    tmp_path: Path, info: dict[str, object], reason: str
) -> None:
    path = write(tmp_path, info)

    assert read(path) == [SourceProblem(str(path), "", reason)]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"tags": ["ok", 3]}, "tags[1] should be a string, not 3"),
        (
            {"duration": "1:00:55"},
            "duration should be a finite number of seconds, not '1:00:55'",
        ),
        ({"timestamp": 10**18}, f"timestamp {10**18} is out of range: no date is that far off"),
        ({"upload_date": "20230230"}, "upload_date should be a YYYYMMDD date, not '20230230'"),
        ({"channel_id": "UC<script>"}, "channel_id should be a YouTube id, not 'UC<script>'"),
        ({"epoch": 1.5e300}, "epoch 1.5e+300 is out of range: no date is that far off"),
        (
            {"epoch": 10**30},
            f"epoch {10**30} is out of range: no date is that far off",
        ),
        (
            {"duration": float("inf")},
            "duration should be a finite number of seconds, not inf",
        ),
        ({"view_count": 12.0}, "view_count should be a count, not 12.0"),
        # yt-dlp writes no negative count: one is an error, no longer a count stored
        ({"view_count": -1}, "view_count should be a count, not -1"),
        (
            {"channel_id": CPPCON, "channel_follower_count": -5},
            "channel_follower_count should be a count, not -5",
        ),
        ({"timestamp": True}, "timestamp should be a Unix time, not true"),
        ({"title": ["a"]}, "title should be a string, not an array"),
    ],
)
def test_a_video_with_a_bad_value_is_skipped_with_the_field_and_why(
    tmp_path: Path, fields: dict[str, object], reason: str
) -> None:
    path = write(tmp_path, {"id": "b2bI8nitZ0q", **fields})

    assert read(path) == [SourceProblem(str(path), "video b2bI8nitZ0q", reason)]


def test_a_fractional_unix_time_keeps_its_fraction_and_words_are_stripped(
    tmp_path: Path,
) -> None:
    # given a video whose timestamp and epoch have fractions, and padded or empty tags
    info = {
        "id": "b2bI8nitZ0q",
        "timestamp": 1697140800.25,
        "epoch": 1700000000.5,
        "tags": [" c++ ", "", "  ", "cppcon"],
        "categories": [],
    }

    [video] = read(write(tmp_path, info))

    # then the moments keep their fraction to the microsecond (the toolkit's Unix times), and
    # the tags are stripped, the empty ones left out
    assert isinstance(video, Video)
    assert video.uploaded_at == datetime(2023, 10, 12, 20, 0, 0, 250000, tzinfo=UTC)
    assert video.fetched_at == datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=UTC)
    assert (video.tags, video.categories) == (("c++", "cppcon"), ())


def every_fixture() -> list[Path]:
    return sorted(FIXTURES.rglob("*.info.json"))


def test_every_fixture_reads_the_same_streamed_as_loaded_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given what each fixture gives when loaded whole
    loaded = {path: read(path) for path in every_fixture()}

    # when each is streamed instead
    monkeypatch.setattr(json_files, "LOAD_WHOLE_UP_TO", 0)
    streamed = {path: read(path) for path in every_fixture()}

    # then the same comes out, but where a fault is: a byte offset for a line and column
    for path, items in loaded.items():
        fault = items[0]
        if (
            len(items) == 1
            and isinstance(fault, SourceProblem)
            and fault.position.startswith("line ")
        ):
            [problem] = streamed[path]
            assert isinstance(problem, SourceProblem) and problem.position.startswith("byte ")
            assert problem.reason.startswith("not valid JSON: ")
        else:
            assert streamed[path] == items, path


def test_a_file_bigger_than_the_toolkit_loads_whole_reads_like_a_small_one(tmp_path: Path) -> None:
    # given a video's info file with 9 MB of formats, and the same without them
    source = json.loads(next(VIDEOS.glob("*c0ntr4ctsX1*.info.json")).read_text())
    small = write(tmp_path, source)
    big_info = dict(source, formats=source["formats"] * 3000)
    big = tmp_path / "big.info.json"
    big.write_text(json.dumps(big_info))
    assert big.stat().st_size > json_files.LOAD_WHOLE_UP_TO

    # then both read into the same video and channel
    assert read(big) == read(small)


@settings(max_examples=60, deadline=None)
@given(info_objects())
def test_any_info_object_reads_to_records_and_problems_without_raising(
    info: dict[str, object],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.info.json"
        path.write_text(json.dumps(info))

        items = read(path)

    assert items
    for item in items:
        assert isinstance(item, Channel | Video | Transcript | SourceProblem)
        if isinstance(item, SourceProblem):
            assert item.reason and "\n" not in item.reason


def test_a_subtitle_file_named_on_its_own_says_where_it_is_read() -> None:
    path = VIDEOS / "Opening Keynote - C++ Under the Sea 2023 [k3yn0t3Intr].en-US.vtt"

    assert read(path) == [
        SourceProblem(str(path), "", "a subtitle file: it is read with the .info.json beside it")
    ]
