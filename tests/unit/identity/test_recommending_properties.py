"""Properties of the recommendations over drawn profiles: order does not matter, nobody is
paired with themself, an incremental run equals a full one, exclusions and dismissals hold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.identity.recommending import (
    DEFAULT_EXCLUSIONS,
    SnapshotIndex,
    extended,
    recommend,
    recommend_changed,
)
from core.protocols.recommendations import Exclusions, ProfilePair, Recommendation, Rule
from core.protocols.records import ProfileSnapshot
from core.protocols.refs import ProfileKind, ref_of
from tests.unit.identity.profiles import (
    EXCLUDED_ADDRESSES,
    EXCLUDED_NAMES,
    EXCLUDED_USERNAMES,
    snapshots,
)


def subset[T](items: list[T]) -> st.SearchStrategy[list[T]]:
    return st.lists(st.sampled_from(items), unique=True) if items else st.just([])


def touches(recommendation: Recommendation, profiles: list[ProfileSnapshot]) -> bool:
    refs = {p.ref for p in profiles}
    return recommendation.pair.first in refs or recommendation.pair.second in refs


@given(st.data())
def test_given_profiles_in_any_order_then_the_recommendations_are_the_same(
    data: st.DataObject,
) -> None:
    profiles = data.draw(snapshots())
    shuffled = data.draw(st.permutations(profiles))

    assert recommend(shuffled) == recommend(profiles)


@given(snapshots())
def test_given_any_profiles_then_no_pair_is_a_self_pair_or_a_stranger(
    profiles: list[ProfileSnapshot],
) -> None:
    refs = {p.ref for p in profiles}
    for found in recommend(profiles):
        assert found.pair.first != found.pair.second
        assert {found.pair.first, found.pair.second} <= refs
        assert 0 < found.score <= 1
        assert found.conclusive == any(e.conclusive for e in found.evidence)


@given(st.data())
def test_given_some_profiles_changed_then_the_incremental_run_equals_the_full_one(
    data: st.DataObject,
) -> None:
    profiles = data.draw(snapshots())
    changed = data.draw(subset(profiles))
    rest = [p for p in profiles if p not in changed]

    incremental = recommend_changed(changed, SnapshotIndex(rest))

    assert incremental == [r for r in recommend(profiles) if touches(r, changed)]


@given(snapshots())
def test_given_excluded_values_then_they_never_appear_in_evidence(
    profiles: list[ProfileSnapshot],
) -> None:
    bots = {p.ref for p in profiles if p.record.is_bot}
    for found in recommend(profiles):
        assert not {found.pair.first, found.pair.second} & bots
        for evidence in found.evidence:
            values = {evidence.first, evidence.second}
            assert not values & EXCLUDED_ADDRESSES
            assert not values & EXCLUDED_NAMES
            if evidence.rule is Rule.SAME_USERNAME:
                assert not values & EXCLUDED_USERNAMES


@given(snapshots(), st.sampled_from(["gitster@pobox.com", "peff@peff.net", "jose@example.es"]))
def test_given_a_user_excluded_address_then_it_never_appears_in_evidence(
    profiles: list[ProfileSnapshot], address: str
) -> None:
    exclusions = extended(DEFAULT_EXCLUSIONS, Exclusions(addresses=frozenset({address.upper()})))

    for found in recommend(profiles, exclusions=exclusions):
        assert all(address not in (e.first, e.second) for e in found.evidence)


@given(st.data())
def test_given_dismissed_pairs_then_they_never_come_back(data: st.DataObject) -> None:
    profiles = data.draw(snapshots())
    before = recommend(profiles)
    dismissed = {r.pair for r in data.draw(subset(before))}
    changed = data.draw(subset(profiles))
    rest = [p for p in profiles if p not in changed]

    full = {r.pair for r in recommend(profiles, dismissed=dismissed)}
    incremental = {
        r.pair for r in recommend_changed(changed, SnapshotIndex(rest), dismissed=dismissed)
    }

    assert not full & dismissed
    assert not incremental & dismissed
    assert full == {r.pair for r in before} - dismissed


@given(snapshots())
def test_given_a_pair_then_each_side_evidence_belongs_to_its_own_profile(
    profiles: list[ProfileSnapshot],
) -> None:
    by_ref = {p.ref: p for p in profiles}
    for found in recommend(profiles):
        for evidence in found.evidence:
            for ref, value in (
                (found.pair.first, evidence.first),
                (found.pair.second, evidence.second),
            ):
                record = by_ref[ref].record
                own = {e.address for e in by_ref[ref].emails} | {
                    record.display_name,
                    record.username,
                    f"id:{record.external_id}",
                    f"login:{record.username}",
                }
                assert value in own, (ref, evidence)


@given(
    st.sampled_from(sorted(ProfileKind)),
    st.sampled_from(sorted(ProfileKind)),
    st.integers(1, 9),
    st.integers(1, 9),
)
def test_given_two_profiles_in_either_order_then_they_make_one_pair(
    kind: ProfileKind, other_kind: ProfileKind, profile_id: int, other_id: int
) -> None:
    one, other = ref_of(kind, profile_id), ref_of(other_kind, other_id)
    if one == other:
        with pytest.raises(ValueError, match="joins two profiles"):
            ProfilePair.of(one, other)
    else:
        assert ProfilePair.of(one, other) == ProfilePair.of(other, one)
        assert {ProfilePair.of(one, other).first, ProfilePair.of(one, other).second} == {one, other}
