"""What one record may hold: the limits a stored record is held to, inside tuples too."""

import attrs
import pytest

from core.ingest.limits import INTEGER_RANGE, TEXT_LIMIT, OutOfRange, bounded


@attrs.frozen
class Tagged:
    title: str = ""
    tags: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()
    count: int = 0
    flag: bool = False


FIELDS = attrs.fields(Tagged)


def test_a_record_within_the_limits_is_returned_as_it_is() -> None:
    record = Tagged("hi", ("a", "b"), (1, 2), 3, True)

    assert bounded(record, FIELDS) == (record, [])
    assert bounded(record, FIELDS)[0] is record


def test_a_huge_text_inside_a_tuple_is_cut_marked_and_reported_by_its_place() -> None:
    # given a record whose second tag is longer than a text field holds
    record = Tagged(tags=("ok", "x" * (TEXT_LIMIT + 7)))

    # when it is bounded
    kept, notes = bounded(record, FIELDS)

    # then that tag alone is cut, and the note names its place in the tuple
    assert kept.tags[0] == "ok"
    assert kept.tags[1] == "x" * TEXT_LIMIT + "\n[cut by trackerhub: 7 more characters]"
    assert notes == [
        f"tags[1] is {TEXT_LIMIT + 7:,} characters long, more than the {TEXT_LIMIT:,}"
        " a text field holds: the rest is cut"
    ]


def test_an_integer_out_of_range_inside_a_tuple_refuses_the_record() -> None:
    record = Tagged(ids=(1, INTEGER_RANGE.stop))

    with pytest.raises(OutOfRange, match=r"^ids\[1\] 9223372036854775808 is out of range"):
        bounded(record, FIELDS)


def test_the_largest_and_smallest_64_bit_integers_are_kept() -> None:
    record = Tagged(ids=(INTEGER_RANGE.start, INTEGER_RANGE.stop - 1), count=INTEGER_RANGE.start)

    assert bounded(record, FIELDS) == (record, [])


def test_a_flag_is_never_taken_for_an_integer() -> None:
    assert bounded(Tagged(flag=True), FIELDS)[1] == []
