"""The unit of work keeps changes only when committed, on every adapter."""

import pytest

from core.protocols import ProfileKind
from core.protocols.records import ProfileDraft
from tests.contract.conftest import Backend


def test_work_left_uncommitted_is_rolled_back(backend: Backend) -> None:
    uow = backend.make_uow()

    with uow:
        uow.identities.add_profiles([ProfileDraft(ProfileKind.SLACK, "U1")])

    with uow:
        assert uow.identities.count_profiles() == {}


def test_committed_work_is_kept(backend: Backend) -> None:
    uow = backend.make_uow()

    with uow:
        uow.identities.add_profiles([ProfileDraft(ProfileKind.SLACK, "U1")])
        uow.commit()

    with uow:
        assert uow.identities.count_profiles() == {ProfileKind.SLACK: 1}


def test_an_error_inside_the_work_rolls_it_back(backend: Backend) -> None:
    uow = backend.make_uow()

    def work_that_fails() -> None:
        with uow:
            uow.identities.add_profiles([ProfileDraft(ProfileKind.SLACK, "U1")])
            uow.commit()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        work_that_fails()

    with uow:
        assert uow.identities.count_profiles() == {}


def test_a_draft_whose_key_is_taken_is_left_out_silently(backend: Backend) -> None:
    uow = backend.make_uow()

    with uow:
        uow.identities.add_profiles([ProfileDraft(ProfileKind.SLACK, "U1", display_name="a")])
        uow.identities.add_profiles([ProfileDraft(ProfileKind.SLACK, "U1", display_name="b")])
        records = uow.identities.profiles_by_key({ProfileKind.SLACK: ["U1"]})

    assert [r.display_name for r in records] == ["a"]
