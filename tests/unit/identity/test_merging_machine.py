"""A Hypothesis state machine drives random merges, moves, unmerges, renames, locks and
collections of new profiles on the memory adapter, and checks after each step what it may
have changed.

The property of unmerge: it restores the identity of each profile the merge moved that is
still where the merge put it, revives the identities the merge retired, gives back the fields
the merge filled unless they were changed since, and touches nothing else.
"""

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols import (
    Actor,
    IdentityRecord,
    IdentityRef,
    MergeRef,
    ProfileRef,
    SlackUserClaim,
)

USER = Actor.user("reviewer")
NAMES = st.sampled_from(["", "Ann", "Bob", "Ann Smith"])

type Profiles = dict[ProfileRef, IdentityRef | None]
type Identities = dict[IdentityRef, IdentityRecord]


class Merging(RuleBasedStateMachine):
    identities = Bundle("identities")
    profiles = Bundle("profiles")
    merges = Bundle("merges")

    def __init__(self) -> None:
        super().__init__()
        self.hub = IdentityHub(MemoryUnitOfWork())
        self.known_profiles: list[ProfileRef] = []
        self.known_identities: list[IdentityRef] = []
        self.undone: set[MergeRef] = set()
        self.next_user = 0

    # -- what the hub holds -------------------------------------------------------------

    def profile_state(self) -> Profiles:
        return {ref: self.hub.identity_of(ref) for ref in self.known_profiles}

    def identity_state(self) -> Identities:
        return {ref: self.hub.identity(ref) for ref in self.known_identities}

    def active(self, identity: IdentityRef) -> bool:
        return self.hub.identity(identity).merged_into is None

    # -- rules --------------------------------------------------------------------------

    @rule(target=identities, name=NAMES, description=st.sampled_from(["", "note"]))
    def create(self, name: str, description: str) -> IdentityRef:
        return self.new_identity(name, description)

    def new_identity(self, name: str, description: str) -> IdentityRef:
        ref = self.hub.create_identity(name, description, actor=USER, reason="new")
        self.known_identities.append(ref)
        return ref

    @rule(target=profiles, owner=st.none() | identities)
    def collect(self, owner: IdentityRef | None) -> ProfileRef:
        """A new profile, collected later, linked at once to a person when one is drawn."""
        self.next_user += 1
        ref = self.hub.get_or_create(SlackUserClaim(f"U{self.next_user}"))
        assert ref is not None
        self.known_profiles.append(ref)
        if owner is not None and self.active(owner):
            self.hub.link(ref, owner, actor=USER, reason="collected")
        return ref

    @rule(profile=profiles, to=st.none() | identities)
    def move(self, profile: ProfileRef, to: IdentityRef | None) -> None:
        if to is not None and not self.active(to):
            return
        profiles_before, identities_before = self.profile_state(), self.identity_state()

        self.hub.move(profile, to, actor=USER, reason="moved")

        assert self.profile_state() == {**profiles_before, profile: to}
        assert self.identity_state() == identities_before

    @rule(identity=identities, name=NAMES)
    def rename(self, identity: IdentityRef, name: str) -> None:
        self.hub.update_identity(identity, name, actor=USER, reason="renamed")

    @rule(identity=identities, locked=st.booleans())
    def lock(self, identity: IdentityRef, locked: bool) -> None:
        # A user may change a locked identity, so locks never stop this machine's rules;
        # unmerge must keep them as they are.
        if locked:
            self.hub.lock(identity, actor=USER)
        else:
            self.hub.unlock(identity, actor=USER)

    @rule(target=merges, into=identities, others=st.lists(identities, min_size=1, max_size=3))
    def merge(self, into: IdentityRef, others: list[IdentityRef]) -> MergeRef:
        others = list(dict.fromkeys(o for o in others if o != into))
        if not others or not all(self.active(i) for i in [into, *others]):
            return self.create_and_merge()
        profiles_before, identities_before = self.profile_state(), self.identity_state()

        merge = self.hub.merge(into, others, actor=USER, reason="same person")

        folded = set(others)
        assert self.profile_state() == {
            ref: into if owner in folded else owner for ref, owner in profiles_before.items()
        }
        after = self.identity_state()
        for identity, record in identities_before.items():
            if identity in folded:
                assert after[identity] == attrs.evolve(record, merged_into_id=into.identity_id)
            elif identity != into:
                assert after[identity] == record
        merged = after[into]
        assert (merged.is_locked, merged.merged_into) == (identities_before[into].is_locked, None)
        return merge

    def create_and_merge(self) -> MergeRef:
        """A merge of two new people, when the drawn ones cannot be merged."""
        into, other = self.new_identity("", ""), self.new_identity("Bob", "")
        return self.hub.merge(into, [other], actor=USER, reason="same person")

    @precondition(lambda self: self.known_identities)
    @rule(merge=merges)
    def unmerge(self, merge: MergeRef) -> None:
        if merge in self.undone:
            return
        profiles_before, identities_before = self.profile_state(), self.identity_state()
        done = self.hub.merge_record(merge).merge

        report = self.hub.unmerge(merge, actor=USER, reason="undo")
        self.undone.add(merge)

        # profiles: those the merge moved and that are still in `into` go back; no other moves
        expected = dict(profiles_before)
        for move in done.moves:
            if profiles_before[move.profile] == done.into:
                expected[move.profile] = move.previous
        assert self.profile_state() == expected
        assert {m.profile for m in report.restored} | {m.profile for m in report.left} == {
            m.profile for m in done.moves
        }
        # identities: the folded ones revived, `into` given back the fields the merge filled
        # unless changed since, every other identity and every lock untouched
        after = self.identity_state()
        for identity, record in identities_before.items():
            if identity in done.others:
                assert after[identity] == attrs.evolve(record, merged_into_id=None)
            elif identity != done.into:
                assert after[identity] == record
        into_before, into_after = identities_before[done.into], after[done.into]
        for field in ("display_name", "description"):
            change = next((c for c in done.changes if c.field == field), None)
            if change is not None and getattr(into_before, field) == change.after:
                assert getattr(into_after, field) == change.before
            else:
                assert getattr(into_after, field) == getattr(into_before, field)
        assert attrs.evolve(into_after, display_name="", description="") == attrs.evolve(
            into_before, display_name="", description=""
        )

    @rule(into=identities, other=identities)
    def merge_then_unmerge_is_the_identity(self, into: IdentityRef, other: IdentityRef) -> None:
        if into == other or not (self.active(into) and self.active(other)):
            return
        profiles_before, identities_before = self.profile_state(), self.identity_state()

        merge = self.hub.merge(into, [other], actor=USER, reason="try")
        self.hub.unmerge(merge, actor=USER, reason="untry")
        self.undone.add(merge)

        assert self.profile_state() == profiles_before
        assert self.identity_state() == identities_before

    # -- invariants ---------------------------------------------------------------------

    @invariant()
    def a_retired_identity_holds_no_profile(self) -> None:
        for identity in self.known_identities:
            if not self.active(identity):
                assert self.hub.profiles_of(identity) == []


def test_unmerge_restores_what_its_merge_changed_and_nothing_else() -> None:
    run_state_machine_as_test(
        Merging, settings=settings(max_examples=150, stateful_step_count=30, deadline=None)
    )
