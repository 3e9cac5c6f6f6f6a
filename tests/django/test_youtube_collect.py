"""``trackerhub collect youtube-info`` end to end through the console script, on SQLite: the
bundled sample and the test fixtures, read once, again, in full, with subtitles added later,
and bad input."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.django import test_collect
from tests.django.test_collect import SCRIPT

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "adapters" / "django_orm" / "youtube" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "youtube"
SOURCE = "youtube-info"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHi, I'm Ben Saks.\n"


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'youtube.sqlite3'}"
    assert run(env, "migrate", "-v0").returncode == 0
    return env


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [SCRIPT, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def collect(env: dict[str, str], *args: str | Path) -> tuple[int, dict[str, object]]:
    return test_collect.collect(env, SOURCE, *args)


def records(report: dict[str, object]) -> dict[str, dict[str, int]]:
    found = report["records"]
    assert isinstance(found, dict)
    return found


def test_collecting_adds_then_reads_nothing_again_then_finds_everything_unchanged(
    database: dict[str, str],
) -> None:
    # when the fixture videos are collected, collected again, then read again in full
    first_status, first = collect(database, FIXTURES / "videos")
    second_status, second = collect(database, FIXTURES / "videos")
    full_status, full = collect(database, FIXTURES / "videos", "--full")

    # then the first adds every record, with nothing to report
    assert first_status == second_status == full_status == 0
    assert first["errors"] == []
    assert {name: counts["added"] for name, counts in records(first).items()} == {
        "youtube.channel": 4,
        "youtube.transcript": 3,
        "youtube.video": 6,
    }
    assert first["files_read"] == 7
    # and the second reads no file again, saying which it passed over
    assert records(second) == {}
    assert second["files_read"] == 0
    assert second["already_read"] == first_already_read(FIXTURES / "videos")
    # and the full read changes nothing
    assert full["errors"] == []
    assert all(c["added"] == c["updated"] == 0 for c in records(full).values())
    assert sum(c["unchanged"] for c in records(full).values()) > 0


def first_already_read(folder: Path) -> list[str]:
    return sorted(str(path) for path in folder.glob("*.info.json"))


def test_stats_count_the_record_types_and_the_speaker_profiles(database: dict[str, str]) -> None:
    collect(database, FIXTURES / "videos")

    stats = json.loads(run(database, "stats", "--json").stdout)

    assert {k: v for k, v in stats["records"].items() if k.startswith("youtube.")} == {
        "youtube.channel": 4,
        "youtube.transcript": 3,
        "youtube.video": 6,
    }
    # Ben Saks, Sean Parent (on two channels), Dave Abrahams, Ólafur Waage, Hana Dusíková,
    # Nicolai Josuttis
    assert stats["profiles"]["youtube"] == 6


def test_subtitles_written_after_a_collect_make_their_video_read_again(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given a video collected without subtitles, and another video beside it
    folder = tmp_path / "talks"
    folder.mkdir()
    for video_id in ("b2bI8nitZ0q", "c0ntr4ctsX1"):
        [info] = (FIXTURES / "videos").glob(f"*{video_id}*.info.json")
        shutil.copy(info, folder / f"Talk [{video_id}].info.json")
    collect(database, folder)

    # when English subtitles are written beside the first, and the folder collected again
    (folder / "Talk [b2bI8nitZ0q].en.vtt").write_text(VTT)
    status, report = collect(database, folder)

    # then only that video is read again, and its transcript added
    assert status == 0
    assert report["already_read"] == [str(folder / "Talk [c0ntr4ctsX1].info.json")]
    assert records(report)["youtube.transcript"]["added"] == 1
    assert records(report)["youtube.video"] == {
        "added": 0,
        "skipped": 0,
        "unchanged": 1,
        "updated": 0,
    }


def test_bad_input_gives_one_line_errors_with_file_position_and_reason(
    database: dict[str, str],
) -> None:
    # when only broken files are collected
    status, report = collect(database, FIXTURES / "broken")

    # then each error names its file, where in it, and why, and the good entry is stored
    errors = report["errors"]
    assert isinstance(errors, list)
    assert {(Path(e["file"]).name, e["position"]) for e in errors} == {
        ("array.info.json", ""),
        ("bad_date.info.json", "video b4dD4t3xxxx"),
        ("bad_entries.info.json", "entry 0"),
        ("bad_entries.info.json", "entry 2"),
        ("flat_link.info.json", ""),
        ("html_error_page.info.json", "line 1 column 1"),
        ("no_id.info.json", ""),
        ("truncated.info.json", "line 1 column 2340"),
        ("utf16.info.json", "byte 0"),
        ("vimeo.info.json", ""),
        ("wrong_types.info.json", "video wr0ngTyp3s0"),
    }
    assert all(e["reason"] and "\n" not in e["reason"] for e in errors)
    assert records(report)["youtube.video"] == {
        "added": 1,
        "skipped": 7,  # those at a position: a whole file that is no info file skips nothing
        "unchanged": 0,
        "updated": 0,
    }
    assert status == 0  # the good entry was read


def test_nothing_readable_exits_1_with_the_errors_on_one_line_each(
    database: dict[str, str],
) -> None:
    done = run(
        database,
        "collect",
        SOURCE,
        FIXTURES / "broken" / "vimeo.info.json",
        FIXTURES / "broken" / "html_error_page.info.json",
        "/no/such/talk.info.json",
        FIXTURES / "subtitles" / "srt_renamed.vtt",
    )

    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("error: ")]
    assert lines == [
        f"error: {FIXTURES}/broken/vimeo.info.json: not a YouTube video: yt-dlp read it as Vimeo's",
        f"error: {FIXTURES}/broken/html_error_page.info.json: line 1 column 1: not valid JSON:"
        " Expecting value",
        "error: /no/such/talk.info.json: no such file or folder",
        f"error: {FIXTURES}/subtitles/srt_renamed.vtt: a subtitle file: it is read with the"
        " .info.json beside it",
    ]


def test_a_broken_subtitle_file_is_reported_and_its_video_stored(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given a video with subtitles that are an SRT file renamed, and a FIFO named like them
    [info] = (FIXTURES / "videos").glob("*c0ntr4ctsX1*.info.json")
    shutil.copy(info, tmp_path / "Talk [c0ntr4ctsX1].info.json")
    shutil.copy(FIXTURES / "subtitles" / "srt_renamed.vtt", tmp_path / "Talk [c0ntr4ctsX1].en.vtt")
    os.mkfifo(tmp_path / "Talk [c0ntr4ctsX1].de.vtt")

    # when it is collected twice
    status, report = collect(database, tmp_path)
    again_status, again = collect(database, tmp_path)

    # then the video is stored, each subtitle file's problem reported, every time, and the
    # video read again each time until they are mended
    assert status == again_status == 0
    assert records(report)["youtube.video"]["added"] == 1
    errors = report["errors"]
    assert isinstance(errors, list)
    assert [(Path(e["file"]).name, e["reason"]) for e in errors] == [
        ("Talk [c0ntr4ctsX1].de.vtt", "cannot open: not a regular file but a FIFO (named pipe)"),
        ("Talk [c0ntr4ctsX1].en.vtt", "not a WebVTT file: it does not start with WEBVTT"),
    ]
    assert again["errors"] == report["errors"]
    assert again["already_read"] == []


def test_the_bundled_sample_collects_with_one_profile_per_speaker(database: dict[str, str]) -> None:
    status, report = collect(database, SAMPLES)

    assert status == 0 and report["errors"] == []
    stats = json.loads(run(database, "stats", "--json").stdout)
    assert stats["records"]["youtube.video"] == 4
    assert stats["records"]["youtube.channel"] == 3
    assert stats["records"]["youtube.transcript"] == 1
    # Ada Lindqvist, Tomás Ferreira (on CppNorth and C++Now), Mei Tanaka, Jonas Berg
    assert stats["profiles"]["youtube"] == 4
