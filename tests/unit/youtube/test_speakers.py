"""Finding a talk's speakers in its title, description and transcript: the shapes conference
channels use, and the shapes that must give no one (a wrong speaker is worse than none)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trackers.youtube.sources.names import leading_name, name_list, person_name
from trackers.youtube.sources.speakers import (
    INTRO_CHARACTERS,
    description_speakers,
    introduced_speaker,
    speakers_of,
    title_speakers,
)

NAMED_TITLES = [
    # CppCon since 2020, and its Back to Basics, Lightning Talk and Keynote prefixes
    ("Back to Basics: Debugging in C++ - Mike Shah - CppCon 2022", ("Mike Shah",)),
    ("C++ Coroutines, from Scratch - Phil Nash - CppCon 2022", ("Phil Nash",)),
    (
        "Exceptionally Bad: The Misuse of Exceptions in C++ & How to Do Better - Peter Muldoon"
        " - CppCon 2023",
        ("Peter Muldoon",),
    ),
    (
        "Lightning Talk: Higher-Order Template Metaprogramming with C++23 - Ed Catmur"
        " - CppCon 2023",
        ("Ed Catmur",),
    ),
    (
        "Back to Basics: Templates - Part 1 of 2 - Bob Steagall - CppCon 2021",
        ("Bob Steagall",),
    ),
    ("C++20: An (Almost) Complete Overview - Marc Gregoire - CppCon 2020", ("Marc Gregoire",)),
    # CppCon 2014 to 2019: the speaker before a quoted title
    (
        "CppCon 2017: Bjarne Stroustrup \u201cLearning and Teaching Modern C++\u201d",
        ("Bjarne Stroustrup",),
    ),
    (
        'CppCon 2014: Herb Sutter "Back to the Basics! Essentials of Modern C++ Style"',
        ("Herb Sutter",),
    ),
    (
        "CppCon 2017: Ben Deane & Jason Turner \u201cconstexpr ALL the Things!\u201d",
        ("Ben Deane", "Jason Turner"),
    ),
    (
        "CppCon 2015: Fedor Pikus PART 1 \u201cLive Lock-Free or Deadlock (Practical Lock-free"
        ' Programming)"',
        ("Fedor Pikus",),
    ),
    (
        "CppCon 2014: Lightning Talks - Ken Smith \u201cC Pre-Processor (CPP) as a language\u201d",
        ("Ken Smith",),
    ),
    # CppCon 2019: the speaker, then the title
    (
        "CppCon 2019: David Stone - Removing Metaprogramming From C++, Part 1 of N: constexpr"
        " Function Params",
        ("David Stone",),
    ),
    # C++Now: 2017 to 2019 quoted, later like CppCon (and "CppNow" as its channel spells it)
    (
        "C++Now 2018: Louis Dionne \u201cRuntime Polymorphism: Back to the Basics\u201d",
        ("Louis Dionne",),
    ),
    (
        'C++Now 2017: Daniel Pfeifer \u201cEffective CMake"',  # mixed quotes, as uploaded
        ("Daniel Pfeifer",),
    ),
    ("Algorithm Intuition - Conor Hoekstra - C++Now 2019", ("Conor Hoekstra",)),
    (
        "Keynote: Safety and Security: The Future of C++ - JF Bastien - CppNow 2023",
        ("JF Bastien",),
    ),
    # Meeting C++: title first, and older uploads with the speaker first or the event first
    (
        "Oh No! More Modern CMake - Deniz Bahadir - Meeting C++ 2019",
        ("Deniz Bahadir",),
    ),
    (
        "This is why we can('t) have nice things - Timu van der Kuil - Meeting C++ 2019",
        ("Timu van der Kuil",),
    ),
    (
        "Real time 101 - David Rowland & Fabian Renn Giles - Meeting C++ 2019",
        ("David Rowland", "Fabian Renn Giles"),
    ),
    (
        "Meeting C++ 2019 - Howard Hinnant - Design Rationale for the chrono Library",
        ("Howard Hinnant",),
    ),
    (
        "Louis Dionne -  Meeting C++ 2016 - C++ Metaprogramming: evolution and future direction",
        ("Louis Dionne",),
    ),
    (
        "Walter E. Brown - Meeting C++ 2019 - Modern Template Metaprogramming",
        ("Walter E. Brown",),
    ),
    # ACCU and C++ on Sea: the event in brackets
    (
        "Taming Dynamic Memory - An Introduction to Custom Allocators - Andreas Weis [ACCU 2019]",
        ("Andreas Weis",),
    ),
    (
        "KEYNOTE: De-fragmenting C++: Making exceptions more affordable and usable - Herb Sutter"
        " [ACCU 2019]",
        ("Herb Sutter",),
    ),
    (
        "Quickly testing legacy code - Clare Macrae [ C++ on Sea 2019 ]",
        ("Clare Macrae",),
    ),
    (
        "Better Code: Contracts - Sean Parent & Dave Abrahams - ACCU 2023",
        ("Sean Parent", "Dave Abrahams"),
    ),
    # CppNorth, Core C++ (" :: ") and en dashes
    ("The Twin Algorithms - Conor Hoekstra - CppNorth 2022", ("Conor Hoekstra",)),
    (
        "Keynote: Moving Past C++ \u2013 Kate Gregory \u2013 CppNorth 2023",
        ("Kate Gregory",),
    ),
    ("Core C++ 2019 :: Dan Saks :: Writing Better Embedded Software", ("Dan Saks",)),
    # names of every shape: accents, apostrophes, hyphens, three and more speakers
    ("Why Rust? - \u00d3lafur Waage - CppCon 2023", ("\u00d3lafur Waage",)),
    (
        "Compile-Time Regular Expressions - Hana Dus\u00edkov\u00e1 - CppCon 2019",
        ("Hana Dus\u00edkov\u00e1",),
    ),
    ("Type Punning in Modern C++ - Timur Doumler - C++Now 2019", ("Timur Doumler",)),
    ("Lambda Hackery - Arthur O'Dwyer - CppCon 2021", ("Arthur O'Dwyer",)),
    ("Comparison Operators - Jean-Heyd Meneide - C++ on Sea 2020", ("Jean-Heyd Meneide",)),
    (
        "The Cuts - Ivan \u010cuki\u0107, Bryce Adelstein Lelbach & Inbal Levi - CppCon 2022",
        ("Ivan \u010cuki\u0107", "Bryce Adelstein Lelbach", "Inbal Levi"),
    ),
    (
        "Contracts in C++ - Gašper Ažman and Timur Doumler - ACCU 2024",
        ("Gašper Ažman", "Timur Doumler"),
    ),
]

UNNAMED_TITLES = [
    # no speaker slot at all
    "Back to Basics: Move Semantics - CppCon 2021",
    "CppCon 2023 Lightning Talks",
    "C++ Weekly - Ep 312 - Stop Using `constexpr` (And Use This Instead!)",
    "Welcome to CppCon 2023!",
    # something else in the speaker's place
    "C++ Standards Committee - Fireside Chat Panel - CppCon 2023",
    "Lightning Talks - Part 2 - Meeting C++ 2022",
    "Type Erasure - the implementation details - Meeting C++ 2019",
    "Closing Keynote - Q&A - Meeting C++ 2018",
    "Ranges - GSL ad hoc overview - Meeting C++ 2016",
    # speaker first before the title, with the event last: not how the channels write it
    "Bjarne Stroustrup - GSL ad hoc overview - Meeting C++ 2016",
    # the event first, but both parts look like names: ambiguous
    "Meeting C++ 2019 - Type Erasure - Klaus Iglberger",
    # a speaker's place holding a name and something else
    "Value Semantics - Klaus Iglberger and friends - CppCon 2022",
    # a series prefix before a colon, with no conference and nothing in the description
    "Move Semantics: The Complete Guide",
    "Modern CMake: An Introduction",
    "Bjarne Stroustrup: C++20 - What's in it for you?",
    # lower-case, numbers, handles, scripts without case
    "Sorting - jason turner - CppCon 2023",
    "Sorting - Speaker 2 - CppCon 2023",
    "Sorting - @lefticus - CppCon 2023",
    "C++ \u306e\u8a71 - \u5c71\u7530 \u592a\u90ce - CppCon 2023",
    "",
]


@pytest.mark.parametrize(("title", "speakers"), NAMED_TITLES)
def test_a_conference_title_names_its_speakers(title: str, speakers: tuple[str, ...]) -> None:
    assert title_speakers(title) == speakers


@pytest.mark.parametrize("title", UNNAMED_TITLES)
def test_a_title_that_names_no_speaker_clearly_gives_none(title: str) -> None:
    assert title_speakers(title) == ()


def test_speaker_then_title_counts_when_the_description_names_the_speaker_too() -> None:
    # given a title "Speaker: Title" with no conference in it
    title = "Bjarne Stroustrup: C++20 - What's in it for you?"

    # then the description decides: it names him, or it does not
    assert title_speakers(title, "A keynote by Bjarne  Stroustrup, recorded in 2019.") == (
        "Bjarne Stroustrup",
    )
    assert title_speakers(title, "A keynote by the creator of C++.") == ()
    assert title_speakers(title, "Bjarne Stroustrupovich presents") == ()


@pytest.mark.parametrize(
    ("description", "speakers"),
    [
        ("Slides: x\nSpeaker: Bjarne Stroustrup\nMore", ("Bjarne Stroustrup",)),
        ("speaker: Hana Dusíková, Avast", ("Hana Dusíková",)),
        ("Speaker: Klaus Iglberger (Siemens)", ("Klaus Iglberger",)),
        ("Speaker - Jason Turner | @lefticus", ("Jason Turner",)),
        ("Speakers: Sean Parent, Dave Abrahams", ("Sean Parent", "Dave Abrahams")),
        ("Speakers: Sean Parent & Dave Abrahams at C++Now", ("Sean Parent", "Dave Abrahams")),
        ("Presented by Jason Turner at CppCon 2023", ("Jason Turner",)),
        ("Presented by: Ben Deane and Jason Turner", ("Ben Deane", "Jason Turner")),
        ("• Presenter: Inbal Levi", ("Inbal Levi",)),
        ("Speaker 1: Ben Deane\nSpeaker 2: Jason Turner", ("Ben Deane", "Jason Turner")),
        (
            "Speakers:\n\nSean Parent\nDave Abrahams (Adobe)\n\nAbstract",
            ("Sean Parent", "Dave Abrahams"),
        ),
        ("Speaker:\nBjarne Stroustrup is a Technical Fellow", ()),
        ("Speaker Bio: Ben has twenty years of C++", ()),
        ("Speaker: TBD", ()),
        ("Our speaker: Ben Deane", ()),  # a label mid-sentence is prose, not a label
        ("Presented by the C++ Alliance", ()),
        ("The speaker shows how it works.", ()),
    ],
)
def test_speaker_lines_of_a_description_name_their_speakers(
    description: str, speakers: tuple[str, ...]
) -> None:
    assert description_speakers(description) == speakers


@pytest.mark.parametrize(
    ("transcript", "speaker"),
    [
        ("Hi, I'm Jason Turner. Today we look at constexpr.", "Jason Turner"),
        (
            "hi everyone. I'm really happy to be here. My name is Jason Turner, and today",
            "Jason Turner",
        ),
        ("Hello, I am Walter E. Brown. Welcome", "Walter E. Brown"),
        ("Good morning. My name's Timu van der Kuil and I work on", "Timu van der Kuil"),
        ("i'm jason turner and today", None),  # automatic captions: no capitals, no names
        ("I'm Going To Talk About Ranges", None),
        ("I'm Jason.", None),  # one word is no full name
        ("I am not sure. My name is not important.", None),
    ],
)
def test_a_transcript_introduction_names_its_speaker(transcript: str, speaker: str | None) -> None:
    assert introduced_speaker(transcript) == speaker


def test_an_introduction_late_in_a_transcript_is_not_taken() -> None:
    late = "so " * (INTRO_CHARACTERS // 3) + "My name is Jason Turner."

    assert introduced_speaker(late) is None


def test_the_title_and_description_speakers_come_before_and_instead_of_the_transcript() -> None:
    # given a title naming one speaker, a description naming a second, a transcript a third
    title = "Better Code: Contracts - Sean Parent - CppNorth 2023"
    description = "Speakers: Sean Parent, Dave Abrahams"
    transcript = "My name is Jon Kalb, and I'm the chair"

    # when the talk's speakers are found
    found = speakers_of(title, description, [transcript])

    # then they are the title's and the description's, each once, the host never
    assert found == ("Sean Parent", "Dave Abrahams")
    assert speakers_of("A talk - CppNorth 2023", "", ["", transcript]) == ("Jon Kalb",)
    assert speakers_of("A talk", "", []) == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bjarne Stroustrup", "Bjarne Stroustrup"),
        ("  Dr. Kenneth  Holmqvist ", "Kenneth Holmqvist"),
        ("Prof Jurgen Mottok", "Jurgen Mottok"),
        ("H. Carter Edwards", "H. Carter Edwards"),
        ("Fedor G Pikus", "Fedor G Pikus"),
        ("JeanHeyd Meneide", "JeanHeyd Meneide"),
        ("Paul E. McKenney", "Paul E. McKenney"),
        ("Giuseppe D'Angelo", "Giuseppe D'Angelo"),
        ("Антон Полухин", "Антон Полухин"),
        ("Sean Parent's", None),
        ("Madonna", None),
        ("GSL Overview", None),
        ("van Rossum Guido", None),
        ("Guido van", None),
        ("Ben Deane Jason Turner Hana Dusikova", None),  # six words: a list without commas
        ("John 'JT' Thomas", None),
        ("Lightning Talk", None),
        ("Back to Basics", None),
    ],
)
def test_a_name_is_recognised_by_its_shape(text: str, name: str | None) -> None:
    assert person_name(text) == name


def test_a_list_of_names_is_all_names_or_nothing() -> None:
    assert name_list("Ben Deane, Jason Turner, and Hana Dusíková") == (
        "Ben Deane",
        "Jason Turner",
        "Hana Dusíková",
    )
    assert name_list("Ben Deane & Ben  Deane") == ("Ben Deane",)
    assert name_list("Ben Deane & the audience") == ()
    assert name_list("Bjarne Stroustrup, Morgan Stanley", commas=False) == ("Bjarne Stroustrup",)


def test_a_leading_name_ends_at_punctuation_or_at_a_word_that_is_no_name() -> None:
    assert leading_name("Jason Turner, and today") == "Jason Turner"
    assert leading_name("Jason Turner and today") == "Jason Turner"
    assert leading_name("Walter E. Brown. Welcome") == "Walter E. Brown"
    assert leading_name("Timu van der and") is None


@given(st.text(max_size=120), st.text(max_size=300), st.lists(st.text(max_size=200), max_size=2))
def test_any_text_gives_names_that_are_each_shaped_like_one(
    title: str, description: str, transcripts: list[str]
) -> None:
    for name in speakers_of(title, description, transcripts):
        assert person_name(name) == name
