"""Records that vanish from their source are kept and marked gone, never deleted."""

from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import ingest
from core.protocols.ingest import SeenAll
from core.protocols.trackers import Disappears, FillGaps, RecordType, Tracker

T0 = datetime(2025, 3, 1, tzinfo=UTC)


@attrs.frozen
class Use:
    project: str
    header: str
    gone_at: datetime | None = None


USES = RecordType[Use, tuple[str, str]](
    "toy.use",
    Use,
    ("project", "header"),
    FillGaps(),
    "toy.use {r.project} {r.header}",
    disappears=Disappears(("project",)),
)
TOY = Tracker("toy", (USES,), unreadable="toy.item")


def scan(uow: MemoryUnitOfWork, project: str, headers: list[str], at: datetime) -> None:
    items: list[object] = [Use(project, header) for header in headers]
    ingest(TOY, [*items, SeenAll(Use, (project,), at)], uow, IdentityHub(uow), origin="scan")


def stored(uow: MemoryUnitOfWork) -> dict[tuple[str, str], datetime | None]:
    with uow:
        store = uow.records(USES)
        keys = store.keys_where({})
        return {key: use.gone_at for key, use in store.get_many(keys).items()}


def test_given_a_usage_removed_when_rescanned_then_it_is_kept_and_marked_gone_then() -> None:
    uow = MemoryUnitOfWork()
    scan(uow, "p", ["a.hpp", "b.hpp"], T0)

    scan(uow, "p", ["a.hpp"], T0 + timedelta(days=1))

    assert stored(uow) == {("p", "a.hpp"): None, ("p", "b.hpp"): T0 + timedelta(days=1)}


def test_given_a_gone_usage_when_rescanned_later_then_it_keeps_when_it_first_went() -> None:
    uow = MemoryUnitOfWork()
    scan(uow, "p", ["a.hpp", "b.hpp"], T0)
    scan(uow, "p", ["a.hpp"], T0 + timedelta(days=1))

    scan(uow, "p", ["a.hpp"], T0 + timedelta(days=2))

    assert stored(uow)[("p", "b.hpp")] == T0 + timedelta(days=1)


def test_given_a_gone_usage_when_it_comes_back_then_it_is_present_again() -> None:
    uow = MemoryUnitOfWork()
    scan(uow, "p", ["a.hpp", "b.hpp"], T0)
    scan(uow, "p", ["a.hpp"], T0 + timedelta(days=1))

    scan(uow, "p", ["a.hpp", "b.hpp"], T0 + timedelta(days=2))

    assert stored(uow) == {("p", "a.hpp"): None, ("p", "b.hpp"): None}


def test_given_two_projects_when_one_is_rescanned_then_the_other_is_untouched() -> None:
    uow = MemoryUnitOfWork()
    scan(uow, "p", ["a.hpp"], T0)
    scan(uow, "q", ["a.hpp"], T0)

    scan(uow, "p", [], T0 + timedelta(days=1))

    assert stored(uow) == {("p", "a.hpp"): T0 + timedelta(days=1), ("q", "a.hpp"): None}


def test_given_a_scope_spread_over_many_batches_when_swept_then_only_the_unseen_go() -> None:
    uow = MemoryUnitOfWork()
    scan(uow, "p", [f"{n}.hpp" for n in range(50)], T0)
    items: list[object] = [Use("p", f"{n}.hpp") for n in range(1, 50)]

    ingest(
        TOY,
        [*items, SeenAll(Use, ("p",), T0 + timedelta(days=1))],
        uow,
        IdentityHub(uow),
        origin="scan",
        batch_size=7,
    )

    assert [key for key, gone in stored(uow).items() if gone] == [("p", "0.hpp")]


def test_given_a_record_type_that_cannot_disappear_when_swept_then_the_reader_is_wrong() -> None:
    still = RecordType[Use, tuple[str, str]](
        "toy.use", Use, ("project", "header"), FillGaps(), "{r}"
    )
    uow = MemoryUnitOfWork()

    with pytest.raises(TypeError, match="disappears"):
        ingest(
            Tracker("toy", (still,), unreadable="toy.item"),
            [SeenAll(Use, ("p",), T0)],
            uow,
            IdentityHub(uow),
            origin="scan",
        )


@given(st.lists(st.lists(st.sampled_from("abcd"), unique=True), min_size=1, max_size=5))
def test_given_any_scans_then_what_is_present_is_exactly_the_last_scan(
    scans: list[list[str]],
) -> None:
    uow = MemoryUnitOfWork()
    for day, headers in enumerate(scans):
        scan(uow, "p", headers, T0 + timedelta(days=day))

    present = {header for (_, header), gone in stored(uow).items() if gone is None}
    assert present == set(scans[-1])
