"""Every tracker's record stores on every adapter: memory, SQLite, PostgreSQL.

One contract for every record type of every tracker. Its examples are the cases of
tests/contract/cases: for each record type, a record with every field set, the same key with
every other field changed, and a record of another key with nothing known but its key. The
memory stores are the reference behaviour; each test here runs on all three adapters with the
same expectations, and a Hypothesis test drives memory and Django side by side.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from itertools import product
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.django_orm.trackers import record_types
from adapters.memory import MemoryUnitOfWork
from core.protocols.refs import ProfileRef
from tests.contract.cases import StoreCase, discover
from tests.contract.conftest import Backend, UnitOfWork

CASES = discover()
STORE_CASES = [pytest.param(case, id=case.name) for case in CASES]


def fields_of(case: StoreCase) -> list[str]:
    return [field.name for field in attrs.fields(case.record_type.record)]


def tuple_fields_of(case: StoreCase) -> list[str]:
    """The fields that hold a tuple: labels, assignees, co-authors, parents..."""
    return [name for name in fields_of(case) if isinstance(getattr(case.full, name), tuple)]


TUPLE_FIELDS = [
    pytest.param(case, name, id=f"{case.name}.{name}")
    for case in CASES
    for name in tuple_fields_of(case)
]


def emptied(case: StoreCase) -> Any:
    """The full record's key with nothing else known."""
    return attrs.evolve(case.sparse, **{name: getattr(case.full, name) for name in case.key})


@pytest.fixture
def uow(backend: Backend) -> UnitOfWork:
    return backend.make_uow()


# -- the cases ---------------------------------------------------------------------------


def test_every_record_type_of_every_installed_tracker_has_exactly_one_case() -> None:
    # given the record types of every installed tracker, and the cases found
    installed = list(record_types())

    # when the cases are counted by record type
    counted = Counter(case.name for case in CASES)

    # then each installed record type has one case, and no case is of another record type
    assert dict(counted) == {record_type.name: 1 for record_type in installed}
    assert {case.name: case.record_type for case in CASES} == {
        record_type.name: record_type for record_type in installed
    }


@pytest.mark.parametrize("case", STORE_CASES)
def test_each_case_holds_records_of_its_type_and_its_full_record_leaves_nothing_unknown(
    case: StoreCase,
) -> None:
    # given the examples the other tests rely on
    records = (case.full, case.changed, case.sparse)

    # then each is a record of the case's record type, and the full one sets every field
    assert [type(record) for record in records] == [case.record_type.record] * 3
    unknown = [name for name in fields_of(case) if getattr(case.full, name) in (None, "", ())]
    assert unknown == []


@pytest.mark.parametrize("case", STORE_CASES)
def test_each_changed_record_differs_from_the_full_one_in_every_field_but_its_key(
    case: StoreCase,
) -> None:
    # given the examples the other tests rely on; then an update test really changes each field
    same = [
        name
        for name in fields_of(case)
        if name not in case.key and getattr(case.full, name) == getattr(case.changed, name)
    ]

    assert same == []
    assert case.key_of(case.full) == case.key_of(case.changed)
    assert case.key_of(case.full) != case.key_of(case.sparse)


@pytest.mark.parametrize(("case", "name"), TUPLE_FIELDS)
def test_each_tuple_field_has_items_to_reorder_and_its_changed_record_brings_new_ones(
    case: StoreCase, name: str
) -> None:
    # given a tuple field of the full record and of the changed one
    full, changed = getattr(case.full, name), getattr(case.changed, name)

    # then the tuple tests have items to reorder, and items to add
    assert len(set(full)) >= 2
    assert [item for item in changed if item not in full] != []


# -- one store ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", STORE_CASES)
def test_a_fully_populated_record_reads_back_equal_in_every_field(
    uow: UnitOfWork, case: StoreCase
) -> None:
    # given a record with every field set, and one with nothing known but its key
    with uow:
        uow.records(case.record_type).add_many([case.full, case.sparse])
        uow.commit()

    # when they are read back in a new unit of work
    with uow:
        found = uow.records(case.record_type).get_many(
            [case.key_of(case.full), case.key_of(case.sparse)]
        )

    # then both are equal to what was stored, tuples in their order and None fields None
    assert found == {case.key_of(case.full): case.full, case.key_of(case.sparse): case.sparse}


@pytest.mark.parametrize("case", STORE_CASES)
def test_an_update_replaces_every_field_of_the_stored_record(
    uow: UnitOfWork, case: StoreCase
) -> None:
    # given a stored record, and another one of the same store
    with uow:
        uow.records(case.record_type).add_many([case.full, case.sparse])
        uow.commit()

    # when the record is updated with every field changed
    with uow:
        uow.records(case.record_type).update_many([case.changed])
        uow.commit()

    # then it reads back as the update, and the other record is untouched
    with uow:
        store = uow.records(case.record_type)
        found = store.get_many([case.key_of(case.full), case.key_of(case.sparse)])
        assert found == {
            case.key_of(case.full): case.changed,
            case.key_of(case.sparse): case.sparse,
        }
        assert store.count() == 2


@pytest.mark.parametrize("case", STORE_CASES)
def test_an_update_back_to_nothing_known_clears_fields_and_child_rows(
    uow: UnitOfWork, case: StoreCase
) -> None:
    # given a fully populated record
    with uow:
        uow.records(case.record_type).add_many([case.full])
        uow.commit()

    # when it is updated to a record with only its key
    with uow:
        uow.records(case.record_type).update_many([emptied(case)])
        uow.commit()

    # then no tuple item (label, assignee, co-author...) or person is left
    with uow:
        found = uow.records(case.record_type).get_many([case.key_of(case.full)])
    assert found == {case.key_of(case.full): emptied(case)}


@pytest.mark.parametrize(("case", "name"), TUPLE_FIELDS)
def test_the_items_of_a_tuple_field_read_back_in_their_order(
    uow: UnitOfWork, case: StoreCase, name: str
) -> None:
    # given a record whose items are in the reverse of the full record's order
    record = attrs.evolve(case.full, **{name: tuple(reversed(getattr(case.full, name)))})
    with uow:
        uow.records(case.record_type).add_many([record])
        uow.commit()

    # when it is read back
    with uow:
        found = uow.records(case.record_type).get_many([case.key_of(record)])

    # then its items are in the order they were stored in
    assert getattr(found[case.key_of(record)], name) == getattr(record, name)
    assert found == {case.key_of(record): record}


@pytest.mark.parametrize(("case", "name"), TUPLE_FIELDS)
def test_an_update_replaces_the_items_of_a_tuple_field_exactly(
    uow: UnitOfWork, case: StoreCase, name: str
) -> None:
    # given two stored records with the same items in the field
    items: tuple[Any, ...] = getattr(case.full, name)
    other = attrs.evolve(case.sparse, **{name: items})
    with uow:
        uow.records(case.record_type).add_many([case.full, other])
        uow.commit()

    # when upstream removed one item from the first, reordered the rest and added others
    added = [item for item in getattr(case.changed, name) if item not in items]
    updated = attrs.evolve(case.full, **{name: (*reversed(items[1:]), *added)})
    with uow:
        uow.records(case.record_type).update_many([updated])
        uow.commit()

    # then its items are exactly the new ones, in the new order, and the other keeps its own
    with uow:
        found = uow.records(case.record_type).get_many([case.key_of(case.full), case.key_of(other)])
    assert getattr(found[case.key_of(case.full)], name) == (*reversed(items[1:]), *added)
    assert found == {case.key_of(case.full): updated, case.key_of(other): other}


@pytest.mark.parametrize("case", STORE_CASES)
def test_keys_that_are_not_stored_are_simply_absent(uow: UnitOfWork, case: StoreCase) -> None:
    # given one stored record
    with uow:
        uow.records(case.record_type).add_many([case.full])
        uow.commit()

    # when it is asked for among keys never stored (and for nothing at all)
    with uow:
        store = uow.records(case.record_type)
        found = store.get_many([case.key_of(case.sparse), case.key_of(case.full)])
        nothing = store.get_many([])

    # then only the stored one is found
    assert found == {case.key_of(case.full): case.full}
    assert nothing == {}


@pytest.mark.parametrize("case", STORE_CASES)
def test_the_keys_whose_fields_hold_given_values_are_found_and_no_others(
    uow: UnitOfWork, case: StoreCase
) -> None:
    # given the full and the sparse record stored
    with uow:
        uow.records(case.record_type).add_many([case.full, case.sparse])
        uow.commit()
    scalar = [
        name
        for name in fields_of(case)
        if not isinstance(getattr(case.full, name), tuple)
        and getattr(case.full, name) != getattr(case.sparse, name)
    ]

    # when the keys are asked for by every field the full record holds that the sparse does not
    with uow:
        store = uow.records(case.record_type)
        by_all = store.keys_where({name: getattr(case.full, name) for name in scalar})
        by_key = store.keys_where({name: getattr(case.sparse, name) for name in case.key})
        every = store.keys_where({})
        unknown = {name: getattr(case.sparse, name) for name in scalar}
        by_unknown = store.keys_where(unknown) if unknown else [case.key_of(case.sparse)]

    # then each finds exactly the records holding those values
    assert by_all == [case.key_of(case.full)]
    assert by_key == [case.key_of(case.sparse)]
    assert by_unknown == [case.key_of(case.sparse)]
    assert sorted(map(repr, every)) == sorted(
        map(repr, [case.key_of(case.full), case.key_of(case.sparse)])
    )


@pytest.mark.parametrize("case", STORE_CASES)
def test_adding_a_stored_key_again_keeps_the_stored_record(
    uow: UnitOfWork, case: StoreCase
) -> None:
    # given a stored record
    with uow:
        uow.records(case.record_type).add_many([case.full])
        uow.commit()

    # when a batch adds its key again (twice) along with a new record
    with uow:
        uow.records(case.record_type).add_many([case.changed, case.sparse, case.changed])
        uow.commit()

    # then the stored record is kept as it was and only the new one is added
    with uow:
        store = uow.records(case.record_type)
        found = store.get_many([case.key_of(case.full), case.key_of(case.sparse)])
        assert found == {case.key_of(case.full): case.full, case.key_of(case.sparse): case.sparse}
        assert store.count() == 2


@pytest.mark.parametrize("case", STORE_CASES)
def test_updating_a_key_never_stored_stores_nothing(uow: UnitOfWork, case: StoreCase) -> None:
    # given an empty store; when a record is updated
    with uow:
        uow.records(case.record_type).update_many([case.full])
        uow.commit()

    # then nothing is stored
    with uow:
        assert uow.records(case.record_type).count() == 0


@pytest.mark.parametrize("case", STORE_CASES)
def test_the_last_of_a_batch_s_updates_to_one_key_wins(uow: UnitOfWork, case: StoreCase) -> None:
    # given a stored record
    with uow:
        uow.records(case.record_type).add_many([case.full])
        uow.commit()

    # when one batch updates it twice: every field changed, then nothing known but its key
    first, last = case.changed, emptied(case)
    with uow:
        uow.records(case.record_type).update_many([first, last])
        uow.commit()

    # then the later one is stored
    with uow:
        found = uow.records(case.record_type).get_many([case.key_of(case.full)])
    assert found == {case.key_of(case.full): last}


# -- every store at once -----------------------------------------------------------------


def test_count_counts_the_records_of_its_own_store_only(uow: UnitOfWork) -> None:
    # given one record in every store, child rows included, and a second in every other store
    expected = {case.name: 1 + i % 2 for i, case in enumerate(CASES)}
    with uow:
        for case in CASES:
            uow.records(case.record_type).add_many([case.full, case.sparse][: expected[case.name]])
        uow.commit()

    # when each store is counted; then it counts its own records, not their child rows
    assert counts_of(uow) == expected


def add_one_of_each(uow: UnitOfWork) -> None:
    for case in CASES:
        uow.records(case.record_type).add_many([case.full])


def counts_of(uow: UnitOfWork) -> dict[str, int]:
    with uow:
        return {case.name: uow.records(case.record_type).count() for case in CASES}


NOTHING = {case.name: 0 for case in CASES}


def test_a_unit_of_work_that_ends_without_a_commit_leaves_nothing(uow: UnitOfWork) -> None:
    # given a unit of work that adds a record to every store, child rows included
    with uow:
        add_one_of_each(uow)
        # when it ends without a commit

    # then no store holds anything
    assert counts_of(uow) == NOTHING


def test_a_rolled_back_unit_of_work_leaves_nothing(uow: UnitOfWork) -> None:
    # given a unit of work that adds a record to every store
    with uow:
        add_one_of_each(uow)
        # when it is rolled back
        uow.rollback()

    # then no store holds anything
    assert counts_of(uow) == NOTHING


def test_a_unit_of_work_that_raises_leaves_nothing_even_if_committed(uow: UnitOfWork) -> None:
    # given a unit of work that adds a record to every store and commits
    def fail_after_commit() -> None:
        with uow:
            add_one_of_each(uow)
            uow.commit()
            raise RuntimeError("boom")

    # when it raises before it ends
    with pytest.raises(RuntimeError, match="boom"):
        fail_after_commit()

    # then no store holds anything
    assert counts_of(uow) == NOTHING


# -- memory and Django side by side ------------------------------------------------------
#
# Random records of every record type, made from its case: a key field takes the value of the
# full or the sparse record (so keys collide, and mix: the full record's repository with the
# sparse one's number); a tuple field, a list of the items the case's records hold; any other
# field, the value of one of the case's records or, for text, a moment or a person, a random
# one of the same kind.


def texts() -> st.SearchStrategy[str]:
    # Records reach the stores cleaned of NUL; surrogates are no text at all.
    return st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=8)


def moments() -> st.SearchStrategy[datetime]:
    zones = st.builds(
        lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-14 * 60, 14 * 60)
    )
    # Hypothesis takes naive bounds and makes each moment aware in one of the zones.
    earliest = datetime(1970, 1, 2)  # noqa: DTZ001
    latest = datetime(2100, 1, 1)  # noqa: DTZ001
    return st.datetimes(min_value=earliest, max_value=latest, timezones=zones)


def distinct(values: Iterable[Any]) -> list[Any]:
    found: list[Any] = []
    for value in values:
        if value not in found:
            found.append(value)
    return found


def values_of(case: StoreCase, name: str) -> list[Any]:
    """The values the case's records give the field."""
    return distinct(getattr(record, name) for record in (case.full, case.changed, case.sparse))


def like(values: list[Any], *, text: bool = True) -> list[st.SearchStrategy[Any]]:
    """Random values of the kinds among ``values``: texts (unless ``text`` is False), moments,
    people of each class."""
    kinds: list[st.SearchStrategy[Any]] = []
    if text and any(isinstance(value, str) for value in values):
        kinds.append(texts())
    if any(isinstance(value, datetime) for value in values):
        kinds.append(moments())
    for ref_class in distinct(type(value) for value in values if isinstance(value, ProfileRef)):
        kinds.append(st.builds(ref_class, st.integers(1, 9)))
    return kinds


def field_values(case: StoreCase, name: str) -> st.SearchStrategy[Any]:
    values = values_of(case, name)
    if name in case.key:
        return st.sampled_from(values)
    if name in tuple_fields_of(case):
        # No random text for an item: a commit's parents are words, and a label is a label.
        items = distinct(item for value in values for item in value)
        item_values = st.one_of(st.sampled_from(items), *like(items, text=False))
        return st.lists(item_values, max_size=4).map(tuple)
    return st.one_of(st.sampled_from(values), *like(values))


def records_of(case: StoreCase) -> st.SearchStrategy[Any]:
    values = st.fixed_dictionaries({name: field_values(case, name) for name in fields_of(case)})
    return values.map(lambda fields: case.record_type.record(**fields))


def possible_keys(case: StoreCase) -> list[Any]:
    """Every key a random record of the case may have."""
    combinations = product(*(values_of(case, name) for name in case.key))
    return [values[0] if len(values) == 1 else values for values in combinations]


RECORDS = {case.name: records_of(case) for case in CASES}


def batch_of(case: StoreCase) -> st.SearchStrategy[tuple[StoreCase, list[Any]]]:
    return st.tuples(st.just(case), st.lists(RECORDS[case.name], max_size=4))


# Each step adds, or updates, a batch (duplicate keys included) to each of up to three stores.
steps = st.lists(
    st.tuples(
        st.sampled_from(["add", "update"]),
        st.lists(st.sampled_from(CASES).flatmap(batch_of), min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=5,
)

EXAMPLES: dict[str, int] = {"sqlite": 60, "postgres": 30}


def test_django_stores_agree_with_memory_under_random_batches(django_backend: Backend) -> None:
    @settings(
        max_examples=EXAMPLES[django_backend.name],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(steps=steps)
    def agree(steps: list[tuple[str, list[tuple[StoreCase, list[Any]]]]]) -> None:
        memory, django = MemoryUnitOfWork(), django_backend.make_uow()
        # Neither is committed: each example starts from empty stores.
        with memory, django:
            for action, batches in steps:
                # given the same batches of adds or updates on both
                for case, records in batches:
                    for uow in (memory, django):
                        store = uow.records(case.record_type)
                        if action == "add":
                            store.add_many(records)
                        else:
                            store.update_many(records)

                # then both hold the same records in every store
                assert held(django) == held(memory)

    agree()


def held(uow: UnitOfWork) -> dict[str, tuple[dict[Any, Any], int]]:
    """Each store's records among the keys the random ones may have, and its count."""
    found: dict[str, tuple[dict[Any, Any], int]] = {}
    for case in CASES:
        store = uow.records(case.record_type)
        found[case.name] = (store.get_many(possible_keys(case)), store.count())
    return found
