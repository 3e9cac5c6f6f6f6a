"""Splitting the free-text author strings of the index and the mailing pages into authors:
each name stays as written, and only what is plainly no name is undone."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.protocols.claims import WG21AuthorClaim
from trackers.wg21.sources.authors import split_authors


def names(text: str) -> list[str]:
    return [claim.display_name for claim in split_authors(text)]


def test_names_joined_by_commas_keep_their_order() -> None:
    # given an author string as the index writes it
    text = "Michał Dominiak, Georgy Evtushenko, Lewis Baker, Eric Niebler"

    # then each name is an author, in the order written
    assert names(text) == ["Michał Dominiak", "Georgy Evtushenko", "Lewis Baker", "Eric Niebler"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Robert Douglas and Alisdair Meredith", ["Robert Douglas", "Alisdair Meredith"]),
        (
            "Howard E. Hinnant, Peter Dimov, and Dave Abrahams",
            ["Howard E. Hinnant", "Peter Dimov", "Dave Abrahams"],
        ),
        ("and Alisdair Meredith", ["Alisdair Meredith"]),
        ("Beman Dawes,\nand Alisdair Meredith", ["Beman Dawes", "Alisdair Meredith"]),
        ("Ben Deane & Barry Revzin", ["Ben Deane", "Barry Revzin"]),
        (
            "Bryce Adelstein Lelbach (wash); Eric Niebler",
            ["Bryce Adelstein Lelbach (wash)", "Eric Niebler"],
        ),
        ("Timur Doumler\nJoshua Berne", ["Timur Doumler", "Joshua Berne"]),
    ],
)
def test_commas_semicolons_line_breaks_and_conjunctions_separate_names(
    text: str, expected: list[str]
) -> None:
    # then a leftover conjunction is no part of the name that follows it
    assert names(text) == expected


def test_two_names_run_together_without_a_separator_are_cut_apart_at_the_initial() -> None:
    # given "J. Jarvi" and "B. Stroustrup" written with nothing between them
    assert names("J. JarviB. Stroustrup, G. Dos Reis") == [
        "J. Jarvi",
        "B. Stroustrup",
        "G. Dos Reis",
    ]


def test_a_name_with_a_capital_inside_a_word_is_not_cut() -> None:
    assert names("Paul E. McKenney, Lois Goldthwaite") == ["Paul E. McKenney", "Lois Goldthwaite"]


@pytest.mark.parametrize(
    "text",
    [
        "Wyatt Childers, Peter Dimov, Barry Revzin et al.",
        "Wyatt Childers, Peter Dimov, Barry Revzin et al",
        "Wyatt Childers, Peter Dimov, Barry Revzin, et. al.",
    ],
)
def test_et_al_names_nobody(text: str) -> None:
    assert names(text) == ["Wyatt Childers", "Peter Dimov", "Barry Revzin"]


def test_initials_full_names_middle_names_nicknames_and_misspellings_stay_as_written() -> None:
    # given spellings of people that identity matching, not the parser, may link
    text = "B. Stroustrup, Bjarne Stroustroup, D.S. Hollman, Bryce Adelstein Lelbach, Sy Brand"

    # then each stays a name of its own, as written
    assert names(text) == [
        "B. Stroustrup",
        "Bjarne Stroustroup",
        "D.S. Hollman",
        "Bryce Adelstein Lelbach",
        "Sy Brand",
    ]


def test_mojibake_next_to_its_ascii_spelling_is_two_authors_never_merged() -> None:
    # given a name whose accent was lost to U+FFFD, beside its ASCII-folded spelling
    text = "J. Daniel Garc\ufffda, J. Daniel Garcia, Gabriel Dos Reis"

    # then both spellings are kept, as written
    assert names(text) == ["J. Daniel Garc\ufffda", "J. Daniel Garcia", "Gabriel Dos Reis"]


def test_an_address_used_as_a_name_is_the_name_and_the_email() -> None:
    assert split_authors("jfbastien@apple.com") == (
        WG21AuthorClaim("jfbastien@apple.com", "jfbastien@apple.com"),
    )


@pytest.mark.parametrize(
    "text",
    ["Richard Smith <richardsmith@google.com>", "Richard Smith (richardsmith@google.com)"],
)
def test_an_address_beside_a_name_is_its_email(text: str) -> None:
    assert split_authors(text) == (WG21AuthorClaim("Richard Smith", "richardsmith@google.com"),)


def test_a_suffix_after_a_comma_stays_with_its_name() -> None:
    assert names("John Smith, Jr., Ann Lee") == ["John Smith, Jr.", "Ann Lee"]


def test_a_stray_full_stop_and_quotes_around_a_name_are_dropped_but_an_initial_keeps_its_dot() -> (
    None
):
    assert names('"Ville Voutilainen", Jens Maurer., Ann J.') == [
        "Ville Voutilainen",
        "Jens Maurer",
        "Ann J.",
    ]


@pytest.mark.parametrize("text", ["", " ", ", ,", "et al.", "and", " ; \n "])
def test_a_string_that_names_nobody_gives_no_author(text: str) -> None:
    assert split_authors(text) == ()


@given(st.text())
def test_any_string_splits_into_names_without_blanks_at_their_ends(text: str) -> None:
    for claim in split_authors(text):
        assert claim.display_name
        assert claim.display_name == claim.display_name.strip()
