"""The subtitle files beside an info file: which are the video's, in which language, how each
is read, and how their changes change the info file's fingerprint."""

import os
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from trackers.youtube.records import Transcript
from trackers.youtube.sources import subtitles
from trackers.youtube.sources.info_json import info_fingerprint
from trackers.youtube.sources.subtitles import read_transcript, subtitles_beside

FIXTURES = Path(__file__).parents[2] / "fixtures" / "youtube" / "subtitles"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nhello\n"


def read(path: Path, language: str = "") -> list[Transcript | SourceProblem]:
    return list(read_transcript(path, language, "b2bI8nitZ0q"))


def video_folder(tmp_path: Path) -> Path:
    """An info file with the files yt-dlp writes beside it, and others that are not its."""
    info = tmp_path / "Talk [b2bI8nitZ0q].info.json"
    info.write_text("{}")
    for name in [
        "Talk [b2bI8nitZ0q].en.vtt",
        "Talk [b2bI8nitZ0q].en-orig.vtt",
        "Talk [b2bI8nitZ0q].pt-BR.VTT",
        "Talk [b2bI8nitZ0q].vtt",
        "Talk [b2bI8nitZ0q].webm",
        "Talk [b2bI8nitZ0q].live_chat.json",
        "Talk [b2bI8nitZ0q].part2.en.vtt",  # another video's, whose stem runs on
        "Talk [b2bI8nitZ0q].en (1).vtt",  # a browser's copy
        "Talk [b2bI8nitZ0qX].en.vtt",
        "Other [aaaaaaaaaaa].en.vtt",
    ]:
        (tmp_path / name).write_text(VTT)
    return info


def test_the_subtitles_beside_a_video_are_those_named_after_it_in_any_language(
    tmp_path: Path,
) -> None:
    info = video_folder(tmp_path)

    found = subtitles_beside(info)

    assert [(path.name, language) for path, language in found] == [
        ("Talk [b2bI8nitZ0q].en-orig.vtt", "en-orig"),
        ("Talk [b2bI8nitZ0q].en.vtt", "en"),
        ("Talk [b2bI8nitZ0q].pt-BR.VTT", "pt-BR"),
        ("Talk [b2bI8nitZ0q].vtt", ""),
    ]


def test_a_subtitle_file_added_later_is_found_though_the_folder_was_listed_before(
    tmp_path: Path,
) -> None:
    # given a video whose folder was listed when it had no subtitles
    info = tmp_path / "Talk [b2bI8nitZ0q].info.json"
    info.write_text("{}")
    assert subtitles_beside(info) == []

    # when a subtitle file is written beside it
    (tmp_path / "Talk [b2bI8nitZ0q].en.vtt").write_text(VTT)

    # then it is found
    assert [language for _, language in subtitles_beside(info)] == ["en"]


def test_a_transcript_takes_its_language_from_the_name_then_the_header_then_und(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.vtt"
    path.write_text("WEBVTT\nLanguage: fr\n\n00:00.000 --> 00:01.000\nbonjour\n")
    bare = tmp_path / "b.vtt"
    bare.write_text(VTT)
    odd = tmp_path / "c.vtt"
    odd.write_text("WEBVTT\nLanguage: English (auto-generated)\n\n")

    languages = [
        [t.language for t in read(p, name) if isinstance(t, Transcript)]
        for p, name in [(path, "en"), (path, ""), (bare, ""), (odd, "")]
    ]

    assert languages == [["en"], ["fr"], ["und"], ["und"]]


def test_a_transcript_is_stamped_with_its_file_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "a.vtt"
    path.write_text(VTT)
    os.utime(path, ns=(1_700_000_000_123_456_789, 1_700_000_000_123_456_789))

    [transcript] = read(path)

    assert isinstance(transcript, Transcript)
    assert transcript.modified_at is not None
    assert transcript.modified_at.isoformat() == "2023-11-14T22:13:20.123456+00:00"


def test_a_file_that_is_not_webvtt_is_one_problem_for_the_file() -> None:
    path = FIXTURES / "srt_renamed.vtt"

    assert read(path) == [
        SourceProblem(str(path), "", "not a WebVTT file: it does not start with WEBVTT")
    ]


def test_a_file_that_is_not_utf8_is_read_with_the_bytes_replaced_and_a_note() -> None:
    path = FIXTURES / "latin1.vtt"

    problem, transcript = read(path)

    assert problem == SourceProblem(
        str(path),
        "byte 44",
        "not UTF-8 text (invalid start byte): what is not is replaced by U+FFFD",
        skipped=False,
    )
    assert isinstance(transcript, Transcript) and transcript.text == "Das Gr\ufffd\ufffden"


def test_a_header_only_file_is_an_empty_transcript_of_no_cue() -> None:
    [transcript] = read(FIXTURES / "header_only.vtt")

    assert isinstance(transcript, Transcript)
    assert (transcript.text, transcript.automatic, transcript.language) == ("", None, "en")


def test_a_cue_straight_after_the_header_is_read() -> None:
    [transcript] = read(FIXTURES / "no_blank_after_header.vtt")

    assert isinstance(transcript, Transcript)
    assert transcript.text == "straight after the header\nand then as usual"


def test_a_file_bigger_than_the_read_limit_is_read_up_to_it_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a read limit of 100 bytes, and a file of 40 cues of 32 bytes each after its header
    monkeypatch.setattr(subtitles, "READ_LIMIT", 100)
    path = tmp_path / "long.vtt"
    path.write_text(
        "WEBVTT\n\n"
        + "".join(f"00:{i:02}.000 --> 00:{i:02}.500\ncue {i:02}\n\n" for i in range(40))
    )

    # when it is read
    problem, transcript = read(path)

    # then what fits is read, cut at a line's end, and the note says what was not
    assert problem == SourceProblem(
        str(path),
        "byte 96",
        f"{path.stat().st_size:,} bytes, more than the 100 a subtitle file is read up to:"
        " only those are read",
        skipped=False,
    )
    assert isinstance(transcript, Transcript) and transcript.text == "cue 00\ncue 01"


def test_a_fifo_named_like_subtitles_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "a.en.vtt"
    os.mkfifo(path)

    [problem] = read(path)

    assert isinstance(problem, SourceProblem) and problem.position == ""
    assert problem.reason.startswith("cannot open: not a regular file but a FIFO")


def fingerprint_after(info: Path, change: str) -> str:
    subtitle = info.with_name("Talk [b2bI8nitZ0q].en.vtt")
    if change == "written":
        subtitle.write_text(VTT.replace("hello", "hello again"))
    elif change == "touched":
        os.utime(subtitle, ns=(1, 1))
    elif change == "removed":
        subtitle.unlink()
    elif change == "added":
        info.with_name("Talk [b2bI8nitZ0q].de.vtt").write_text(VTT)
    elif change == "unreadable":
        subtitle.unlink()
        os.mkfifo(subtitle)
    return info_fingerprint(info)


@pytest.mark.parametrize("change", ["written", "touched", "removed", "added", "unreadable"])
def test_the_fingerprint_of_a_video_changes_when_its_subtitles_change(
    tmp_path: Path, change: str
) -> None:
    # given an info file with subtitles beside it, and another video's subtitles
    info = tmp_path / "Talk [b2bI8nitZ0q].info.json"
    info.write_text("{}")
    info.with_name("Talk [b2bI8nitZ0q].en.vtt").write_text(VTT)
    info.with_name("Other [aaaaaaaaaaa].en.vtt").write_text(VTT)
    before = info_fingerprint(info)
    assert info_fingerprint(info) == before

    # when its subtitles change, the fingerprint does
    assert fingerprint_after(info, change) != before


def test_the_fingerprint_of_a_video_stays_when_other_files_change(tmp_path: Path) -> None:
    info = tmp_path / "Talk [b2bI8nitZ0q].info.json"
    info.write_text("{}")
    before = info_fingerprint(info)

    (tmp_path / "Other [aaaaaaaaaaa].en.vtt").write_text(VTT)
    (tmp_path / "Talk [b2bI8nitZ0q].webm").write_text("video")

    assert info_fingerprint(info) == before


def test_the_fingerprint_of_an_info_file_that_cannot_be_read_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"gone\.info\.json"):
        info_fingerprint(tmp_path / "gone.info.json")
