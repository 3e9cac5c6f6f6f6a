"""WebVTT subtitles as plain text: cue timings, settings, blocks that are no speech and markup
removed; YouTube's rolling automatic captions read once."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trackers.youtube.sources.webvtt import NotWebVtt, read_webvtt


def subtitles(text: str) -> tuple[str, bool | None, str]:
    read = read_webvtt(text.splitlines())
    return read.text, read.automatic, read.language


def test_rolling_automatic_captions_give_each_line_once() -> None:
    # given YouTube's automatic captions: each cue repeats the previous line, a 10 ms cue
    # between repeats it alone, and every word is timed
    text = "\n".join(
        [
            "WEBVTT",
            "Kind: captions",
            "Language: en",
            "",
            "00:00:00.000 --> 00:00:02.869 align:start position:0%",
            " ",
            "hi<00:00:00.320><c> everyone</c><00:00:00.640><c> my</c>",
            "",
            "00:00:02.869 --> 00:00:02.879 align:start position:0%",
            "hi everyone my",
            " ",
            "",
            "00:00:02.879 --> 00:00:05.990 align:start position:0%",
            "hi everyone my",
            "name<00:00:03.120><c> is</c><00:00:03.360><c> ben</c>",
        ]
    )

    # then the text is what was said, once, and the captions are known to be automatic
    assert subtitles(text) == ("hi everyone my\nname is ben", True, "en")


def test_cue_identifiers_settings_notes_styles_regions_and_tags_are_no_speech() -> None:
    text = "\n".join(
        [
            "WEBVTT - Untertitel",
            "",
            "REGION",
            "id:fred width:40%",
            "",
            "STYLE",
            "::cue { color: yellow }",
            "",
            "NOTE translated by hand",
            "over two lines",
            "",
            "1",
            "00:00:00.000 --> 00:00:02.000 line:90% align:middle",
            "<v Ben Saks>Hallo zusammen,</v>",
            "ich heiße <b>Ben</b> <i>Saks</i>.",
            "",
            "intro-2",
            "00:02.000 --> 00:04.000",
            "<c.yellow>Heute:</c> Initialisierung &amp; C++ &lt;3 &gt;&gt;&nbsp;mehr",
            "<ruby>漢<rt>kan</rt></ruby><lang en>done</lang>",
        ]
    )

    assert subtitles(text) == (
        "Hallo zusammen,\nich heiße Ben Saks.\nHeute: Initialisierung & C++ <3 >> mehr\n漢kandone",
        False,
        "",
    )


def test_crlf_line_ends_and_hours_in_timings_are_read() -> None:
    text = "WEBVTT\r\n\r\n01:02:03.004 --> 01:02:05.000\r\nan hour in\r\n"

    assert subtitles(text) == ("an hour in", False, "")


def test_a_cue_straight_after_the_header_is_read() -> None:
    text = (
        "WEBVTT\n00:00:00.000 --> 00:00:01.000\nstraight after\n\n00:01.000 --> 00:02.000\nthen\n"
    )

    assert subtitles(text)[0] == "straight after\nthen"


def test_a_file_of_only_a_header_has_no_text_and_no_cue() -> None:
    assert subtitles("WEBVTT\nKind: captions\nLanguage: en\n") == ("", None, "en")


@pytest.mark.parametrize(
    "text",
    [
        "1\n00:00:00,000 --> 00:00:02,000\nAn SRT file\n",  # SubRip, renamed .vtt
        "",
        "WEBVTTX\n",
        "<html><body>429 Too Many Requests</body></html>",
    ],
)
def test_what_does_not_start_with_webvtt_is_refused(text: str) -> None:
    with pytest.raises(NotWebVtt, match="not a WebVTT file: it does not start with WEBVTT"):
        read_webvtt(text.splitlines())


cue_lines = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "00:00:00.000 --> 00:00:01.000", "NOTE x", "<c>a</c>", "a &amp; b"]),
)


@given(st.lists(cue_lines, max_size=30))
def test_any_lines_after_a_header_read_to_lines_of_text_each_once_in_a_row(
    lines: list[str],
) -> None:
    read = read_webvtt(["WEBVTT", "", *lines])

    kept = read.text.splitlines() if read.text else []
    assert all(line and line == " ".join(line.split()) for line in kept)
    assert all(a != b for a, b in itertools.pairwise(kept))
    assert read.automatic is not None or read.text == ""  # no cue, no text
