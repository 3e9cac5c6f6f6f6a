"""Typed reads of one decoded JSON object's fields (core.sources.fields): "not said" is never an
error, a wrong type always is, named by the field's path and what it holds."""

import json
from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.sources.fields import FieldError, Fields, json_type, shown, unix_moment

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
READS = (
    *("text", "integer", "count", "number", "flag", "iso_moment", "unix_moment", "strings"),
    *("child", "array", "children"),
)


@given(st.sampled_from(READS))
def test_a_field_absent_or_null_reads_as_not_said(read: str) -> None:
    for data in ({}, {"x": None}):
        assert getattr(Fields(data), read)("x") in (None, "")


@given(JSON_VALUES, st.sampled_from(READS))
def test_any_json_value_reads_as_a_value_or_fails_with_a_field_error_naming_the_field(
    value: object, read: str
) -> None:
    fields = Fields({"x": value}, "top[2]")
    message = ""
    try:
        getattr(fields, read)("x")
    except FieldError as error:
        message = str(error)
    assert message == "" or (message.startswith("top[2].x") and "\n" not in message)


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (None, "null"),
        (True, "a boolean"),
        (3, "a number"),
        (2.5, "a number"),
        ("x", "a string"),
        ([], "an array"),
        ({}, "an object"),
    ],
)
def test_each_json_type_is_named_with_its_article(value: object, name: str) -> None:
    assert json_type(value) == name


def test_a_wrong_text_is_shown_quoted_cleaned_and_cut_short() -> None:
    assert shown("a\x00b") == "'ab'"
    assert shown("x" * 50) == repr("x" * 40) + "..."
    assert shown(7) == "7"
    assert shown(True) == "true"
    assert shown(None) == "null"
    assert shown(float("inf")) == "inf"
    assert shown([1]) == "an array"
    assert shown(10**50) == str(10**50)[:40] + "..."


def test_a_field_of_the_wrong_type_is_named_by_its_path_and_what_it_holds() -> None:
    author = Fields(json.loads('{"author": {"id": "many", "bot": 1}}')).required_child("author")

    with pytest.raises(FieldError, match=r"^author\.id should be an integer, not 'many'$"):
        author.integer("id")
    with pytest.raises(FieldError, match=r"^author\.bot should be true or false, not 1$"):
        author.flag("bot")


def test_a_boolean_is_never_read_as_a_number() -> None:
    fields = Fields({"n": True})

    for read in (fields.integer, fields.count, fields.number):
        with pytest.raises(FieldError, match=r"not true$"):
            read("n")


def test_a_negative_count_is_refused_and_a_fraction_is_a_number_not_an_integer() -> None:
    with pytest.raises(FieldError, match="should be a count"):
        Fields({"n": -1}).count("n")
    with pytest.raises(FieldError, match="should be an integer"):
        Fields({"n": 1.5}).integer("n")
    assert Fields({"n": 1.5}).number("n") == 1.5


def test_a_required_field_not_said_is_missing() -> None:
    with pytest.raises(FieldError, match=r"^id is missing$"):
        Fields({"id": None}).required_integer("id")
    with pytest.raises(FieldError, match=r"^user is missing$"):
        Fields({}).required_child("user")


def test_the_objects_of_an_array_are_named_by_their_index() -> None:
    fields = Fields({"reactions": [{"emoji": "x"}, 3]})

    with pytest.raises(FieldError, match=r"^reactions\[1\] should be an object, not 3$"):
        fields.children("reactions")
    first = Fields({"reactions": [{"emoji": {"name": 2}}]}).children("reactions")
    assert first is not None
    with pytest.raises(FieldError, match=r"^reactions\[0\]\.emoji\.name should be a string"):
        first[0].required_child("emoji").text("name")


def test_strings_are_cleaned_and_a_non_string_among_them_is_named_by_its_index() -> None:
    assert Fields({"tags": ["a\x00", "b"]}).strings("tags") == ("a", "b")
    with pytest.raises(FieldError, match=r"^tags\[1\] should be a string, not 2$"):
        Fields({"tags": ["a", 2]}).strings("tags")


def test_dates_are_read_in_utc_and_a_bad_one_is_named() -> None:
    fields = Fields({"at": "2024-03-01T10:00:00+02:00", "unix": 1709251200.5, "bad": "soon"})

    assert fields.iso_moment("at") == datetime(2024, 3, 1, 8, tzinfo=UTC)
    assert fields.unix_moment("unix") == datetime(2024, 3, 1, 0, 0, 0, 500000, tzinfo=UTC)
    with pytest.raises(FieldError, match=r"^bad .*: 'soon'$"):
        fields.iso_moment("bad")
    with pytest.raises(FieldError, match=r"^far 1e\+300 is out of range"):
        Fields({"far": 1e300}).unix_moment("far")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_number_of_seconds_is_a_moment_or_none_never_an_error(seconds: float) -> None:
    moment = unix_moment(seconds)
    assert moment is None or moment.tzinfo is UTC


@attrs.frozen
class Escaped(Fields):
    shout: bool = False

    def text(self, key: str) -> str:
        text = super().text(key)
        return text.upper() if self.shout else text


def test_a_subclass_s_settings_carry_over_to_its_children() -> None:
    fields = Escaped({"a": {"b": [{"c": "hi"}]}}, shout=True)

    child = fields.required_child("a")
    (grandchild,) = child.children("b") or []
    assert isinstance(grandchild, Escaped)
    assert (grandchild.path, grandchild.text("c")) == ("a.b[0]", "HI")


@attrs.frozen
class _Post:
    title: str
    number: int
    score: int | None = None
    pinned: bool | None = None
    posted_at: datetime | None = None
    tags: tuple[str, ...] | None = None
    extra: dict[str, str] | None = None


def test_fields_of_a_record_are_read_from_the_keys_of_their_names_by_their_declared_types() -> None:
    item = Fields(
        {"title": "Hi\x00", "number": 7, "pinned": True, "posted_at": "2024-01-02T03:04:05Z"}
    )

    values = item.same_named(_Post, "title", "number", "score", "pinned", "posted_at", "tags")

    assert _Post(**values) == _Post(
        "Hi", 7, None, True, datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), None
    )


def test_a_field_read_by_name_keeps_the_typed_errors() -> None:
    with pytest.raises(FieldError, match="number is missing"):
        Fields({"title": "x"}).same_named(_Post, "number")
    with pytest.raises(FieldError, match="score should be an integer"):
        Fields({"score": "9"}).same_named(_Post, "score")
    with pytest.raises(TypeError, match="extra: no JSON read"):
        Fields({}).same_named(_Post, "extra")
