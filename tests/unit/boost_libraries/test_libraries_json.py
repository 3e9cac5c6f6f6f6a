"""meta/libraries.json: one object or a list, with each entry's faults told apart."""

import json

from core.protocols.claims import BoostAuthorClaim
from trackers.boost_libraries.sources.libraries_json import (
    EntryProblem,
    LibraryEntry,
    library_entries,
)


def read(document: object) -> list[LibraryEntry | EntryProblem]:
    return list(library_entries(json.dumps(document).encode()))


def test_given_one_object_when_read_then_it_is_one_library_with_its_people_as_claims() -> None:
    [entry] = read(
        {
            "key": "functional/hash",
            "name": "Container Hash",
            "authors": "Daniel James",
            "maintainers": ["Peter Dimov <pdimov -at- gmail.com>", ""],
            "description": "An STL-compatible hash\n   function object.",
            "category": ["Data", "Function-objects"],
            "cxxstd": 11,
        }
    )

    assert entry == LibraryEntry(
        key="functional/hash",
        name="Container Hash",
        description="An STL-compatible hash function object.",
        categories=("Data", "Function-objects"),
        cxxstd="11",
        authors=(BoostAuthorClaim("Daniel James"),),
        maintainers=(BoostAuthorClaim("Peter Dimov", "pdimov@gmail.com"),),
    )


def test_given_a_list_when_an_entry_is_bad_then_it_is_one_problem_and_the_others_are_read() -> None:
    entries = read(
        [
            {"key": "numeric/conversion", "category": "Math"},
            {"name": "No key"},
            {"key": "bad", "authors": [3]},
            "not an object",
            {"key": "odeint", "cxxstd": "03"},
        ]
    )

    assert [e.key if isinstance(e, LibraryEntry) else (e.position, e.reason) for e in entries] == [
        "numeric/conversion",
        ("library 2", "has no key"),
        ("library 3 'bad'", "authors[0] should be a string, not 3"),
        ("library 4", "should be an object, not 'not an object'"),
        "odeint",
    ]
    assert isinstance(entries[0], LibraryEntry) and entries[0].categories == ("Math",)


def test_given_a_file_that_is_not_json_then_the_problem_says_where_it_stops_being_json() -> None:
    [problem] = library_entries(b'{\n  "key": "json",\n  oops\n}')

    assert problem == EntryProblem(
        "line 3 column 3", "not valid JSON: Expecting property name enclosed in double quotes"
    )


def test_given_json_that_is_neither_object_nor_list_then_the_whole_file_is_one_problem() -> None:
    assert read("asio") == [
        EntryProblem("top level", "should be an object or a list of objects, not a string")
    ]
