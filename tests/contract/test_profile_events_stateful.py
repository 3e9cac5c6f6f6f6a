"""A Hypothesis state machine drives random interleavings of ingest, identity merges and
unmerges, profile folds, erasures and event delivery on each adapter (memory, SQLite,
PostgreSQL), beside a plain model of what every claim names now, and checks that once the
events are delivered no record names a profile that is gone and nothing is lost beyond what
the trackers' erasure policies say.

Two trackers: GitHub commits (an author, a committer and a tuple of co-authors, git identities
from a small pool; no Redact: the message stays) and mailing-list messages (one sender; Redact:
an erased sender's body is emptied). The model knows each claim by its natural key (a label):
it resolves to a profile, to nobody once erased, or to the profile it was folded into.
"""

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import attrs
import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from core.identity import IdentityHub
from core.ingest import ingest
from core.ingest.people import people_in
from core.ingest.profile_events import apply_events, pending, prune
from core.protocols import (
    Actor,
    GitAuthorClaim,
    IdentityLocked,
    IdentityRef,
    InvalidMerge,
    MailingListSenderClaim,
    MergeRef,
    ProfileClaim,
    ProfileKind,
    ProfileRef,
)
from tests.contract.conftest import Backend, UnitOfWork
from tests.contract.test_mailing_lists import seen
from trackers.github.ingest import COMMITS, GITHUB
from trackers.github.records import Commit, CommitSeen
from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
from trackers.mailing_lists.records import MessageSeen

ANN = Actor.user("ann")
JOB = Actor.job("dedupe")
REPOSITORY = "boostorg/core"

# Each label is one natural key; a label with two claims is one person spelt two ways.
AUTHORS: dict[str, tuple[GitAuthorClaim, ...]] = {
    "ann": (GitAuthorClaim("Ann", "ann@x.org"), GitAuthorClaim("Ann B.", "ANN@x.org")),
    "bob": (GitAuthorClaim("Bob", "bob@x.org"),),
    "cy": (GitAuthorClaim("Cy", "cy@y.net"),),
    "di": (GitAuthorClaim("Di", "di@y.net"),),
}
SENDERS: dict[str, tuple[MailingListSenderClaim, ...]] = {
    "jo": (MailingListSenderClaim("Jo", "jo@x.org"), MailingListSenderClaim(" jo ", "JO@x.org")),
    "joanna": (MailingListSenderClaim("Joanna", "jo@x.org"),),
    "max": (MailingListSenderClaim("Max", "max@x.org"),),
}
CLAIMS: dict[str, tuple[ProfileClaim[ProfileRef], ...]] = {**AUTHORS, **SENDERS}
COMMIT_KEYS = range(6)
MESSAGE_KEYS = range(4)

# What a label resolves to once its profile is erased.
ERASED = "erased"
type Fate = ProfileRef | str


def commit_key(i: int) -> tuple[str, str]:
    return REPOSITORY, f"{i:040x}"


def message_key(i: int) -> tuple[str, str]:
    return "boost", f"{i}@example.com"


@attrs.frozen
class CommitPeople:
    """The labels a commit names, as its source read them."""

    author: str | None
    committer: str | None
    co_authors: tuple[str, ...]


@attrs.define
class Merge:
    into: IdentityRef
    others: tuple[IdentityRef, ...]
    moves: tuple[tuple[ProfileRef, IdentityRef], ...]
    undone: bool = False


@attrs.define
class PlainModel:
    """The specification: what each label names, each profile's identity, each record's
    people as read."""

    names: dict[str, Fate] = attrs.field(factory=dict)  # label -> profile, or ERASED
    profiles: dict[ProfileRef, IdentityRef | None] = attrs.field(factory=dict)
    merged_into: dict[IdentityRef, IdentityRef | None] = attrs.field(factory=dict)
    locked: set[IdentityRef] = attrs.field(factory=set)
    merges: dict[MergeRef, Merge] = attrs.field(factory=dict)
    commits: dict[int, tuple[CommitPeople, CommitSeen]] = attrs.field(factory=dict)
    messages: dict[int, tuple[str | None, MessageSeen]] = attrs.field(factory=dict)
    undelivered: int = 0  # events in the outbox the trackers have yet to apply

    def now(self, label: str | None) -> ProfileRef | None:
        """Who a record naming ``label`` names once the events are delivered."""
        fate = None if label is None else self.names[label]
        return fate if isinstance(fate, ProfileRef) else None

    def redirect(self, gone: ProfileRef, to: Fate) -> None:
        for label, fate in self.names.items():
            if fate == gone:
                self.names[label] = to
        del self.profiles[gone]

    def active(self) -> list[IdentityRef]:
        return [i for i, into in self.merged_into.items() if into is None]

    def fold_refusal(
        self, source: ProfileRef, into: ProfileRef, actor: Actor
    ) -> type[Exception] | None:
        """What ``merge_profiles`` must raise, in the order the hub checks."""
        if source == into or source.kind is not into.kind:
            return InvalidMerge
        held = {i for i in (self.profiles[source], self.profiles[into]) if i is not None}
        if actor == JOB and held & self.locked:
            return IdentityLocked
        if len(held) > 1:
            return InvalidMerge
        return None


def co_authors_now(model: PlainModel, labels: Sequence[str]) -> tuple[ProfileRef, ...]:
    """Erased ones dropped, the order kept, one person named once."""
    return tuple(dict.fromkeys(ref for label in labels if (ref := model.now(label)) is not None))


labels_of_authors = st.sampled_from(sorted(AUTHORS))
maybe_author = st.none() | labels_of_authors
commit_people = st.builds(
    CommitPeople, maybe_author, maybe_author, st.lists(labels_of_authors, max_size=3).map(tuple)
)
actors = st.sampled_from([ANN, JOB])


def machine_for(backend: Backend) -> type[RuleBasedStateMachine]:
    class EventsLeaveNoOrphansAndLoseNothing(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.block: AbstractContextManager[object] = (
                nullcontext() if backend.alias is None else transaction.atomic(using=backend.alias)
            )
            self.block.__enter__()
            self.uow: UnitOfWork = backend.make_uow()
            self.hub: IdentityHub = backend.hub(uow=self.uow)
            self.model = PlainModel()

        def teardown(self) -> None:
            if backend.alias is not None:
                transaction.set_rollback(True, using=backend.alias)
            self.block.__exit__(None, None, None)

        # -- ingest -----------------------------------------------------------------------

        def learn(self, labels: set[str]) -> None:
            """Labels seen for the first time name a new profile each."""
            new = sorted(label for label in labels if label not in self.model.names)
            found = self.hub.find_many([CLAIMS[label][0] for label in new])
            for label, ref in zip(new, found, strict=True):
                assert ref is not None, f"{label} was ingested but names no profile"
                assert ref not in self.model.profiles, f"{label} got a profile already known"
                self.model.names[label] = ref
                self.model.profiles[ref] = None

        @rule(
            data=st.data(),
            commit_keys=st.sets(st.sampled_from(COMMIT_KEYS), max_size=3),
            message_keys=st.sets(st.sampled_from(MESSAGE_KEYS), max_size=2),
        )
        def collect(
            self, data: st.DataObject, commit_keys: set[int], message_keys: set[int]
        ) -> None:
            """Commits and messages, new ones naming random people, known ones as before."""
            labels: set[str] = set()
            commits = self.commits(data, commit_keys, labels)
            messages = self.messages(data, message_keys, labels)
            ingest(GITHUB, commits, self.uow, self.hub, origin="git")
            ingest(MAILING_LISTS, messages, self.uow, self.hub, origin="boost.mbox")
            self.learn(labels)

        def commits(
            self, data: st.DataObject, keys: set[int], labels: set[str]
        ) -> list[CommitSeen]:
            items: list[CommitSeen] = []
            for i in sorted(keys):
                if i in self.model.commits:
                    items.append(self.model.commits[i][1])  # seen before: the same again
                    continue
                who = data.draw(commit_people)

                def claim(label: str | None) -> GitAuthorClaim | None:
                    return None if label is None else data.draw(st.sampled_from(AUTHORS[label]))

                item: CommitSeen = Commit(
                    REPOSITORY,
                    commit_key(i)[1],
                    author=claim(who.author),
                    committer=claim(who.committer),
                    co_authors=tuple(
                        data.draw(st.sampled_from(AUTHORS[c])) for c in who.co_authors
                    ),
                    message=f"commit {i}",
                )
                self.model.commits[i] = (who, item)
                labels.update(c for c in (who.author, who.committer, *who.co_authors) if c)
                items.append(item)
            return items

        def messages(
            self, data: st.DataObject, keys: set[int], labels: set[str]
        ) -> list[MessageSeen]:
            items: list[MessageSeen] = []
            for i in sorted(keys):
                if i in self.model.messages:
                    items.append(self.model.messages[i][1])
                    continue
                label = data.draw(st.none() | st.sampled_from(sorted(SENDERS)))
                sender = None if label is None else data.draw(st.sampled_from(SENDERS[label]))
                message = seen(i, sender)
                self.model.messages[i] = (label, message)
                if label is not None:
                    labels.add(label)
                items.append(message)
            return items

        @precondition(lambda self: bool(self.model.commits or self.model.messages))
        @rule()
        def collect_everything_again(self) -> None:
            """Claims of a folded profile name the kept one; of an erased one, nobody."""
            before = self.hub.count_profiles()
            commits = [item for _, item in self.model.commits.values()]
            messages = [item for _, item in self.model.messages.values()]
            ingest(GITHUB, commits, self.uow, self.hub, origin="git")
            ingest(MAILING_LISTS, messages, self.uow, self.hub, origin="boost.mbox")
            assert self.hub.count_profiles() == before

        # -- identities -------------------------------------------------------------------

        @precondition(lambda self: bool(self.model.profiles))
        @rule(data=st.data(), new=st.booleans())
        def link(self, data: st.DataObject, new: bool) -> None:
            profile = data.draw(st.sampled_from(list(self.model.profiles)))
            active = self.model.active()
            if new or not active:
                identity = self.new_identity()
            else:
                identity = data.draw(st.sampled_from(active))
            self.hub.link(profile, identity, actor=ANN)
            self.model.profiles[profile] = identity

        def new_identity(self) -> IdentityRef:
            identity = self.hub.create_identity("", actor=ANN)
            self.model.merged_into[identity] = None
            return identity

        @precondition(lambda self: len(self.model.profiles) >= 2)
        @rule(data=st.data())
        def merge(self, data: st.DataObject) -> None:
            """The identities of two or three profiles, each linked to a new one if it had
            none, and to a new empty one when they share one."""
            chosen = data.draw(
                st.lists(st.sampled_from(list(self.model.profiles)), min_size=2, max_size=3)
            )
            held: dict[IdentityRef, None] = {}
            for profile in chosen:
                identity = self.model.profiles[profile]
                if identity is None:
                    identity = self.new_identity()
                    self.hub.link(profile, identity, actor=ANN)
                    self.model.profiles[profile] = identity
                held[identity] = None
            if len(held) < 2:
                held = {self.new_identity(): None, **held}
            into, *rest = held
            others = tuple(rest)
            merge = self.hub.merge(into, others, actor=ANN, reason="same person")
            moves = tuple(
                (profile, identity)
                for profile, identity in sorted(
                    self.model.profiles.items(), key=lambda item: item[0].profile_id
                )
                if identity in others
            )
            for profile, _ in moves:
                self.model.profiles[profile] = into
            for other in others:
                self.model.merged_into[other] = into
            assert merge not in self.model.merges
            self.model.merges[merge] = Merge(into, others, moves)

        @precondition(lambda self: any(not m.undone for m in self.model.merges.values()))
        @rule(data=st.data())
        def unmerge(self, data: st.DataObject) -> None:
            ref = data.draw(
                st.sampled_from([r for r, m in self.model.merges.items() if not m.undone])
            )
            merge = self.model.merges[ref]
            self.hub.unmerge(ref, actor=ANN, reason="not the same person")
            for profile, previous in merge.moves:
                if self.model.profiles.get(profile, previous) == merge.into:
                    self.model.profiles[profile] = previous
            for other in merge.others:
                if self.model.merged_into[other] == merge.into:
                    self.model.merged_into[other] = None
            merge.undone = True

        @precondition(lambda self: bool(self.model.merged_into))
        @rule(data=st.data())
        def lock_or_unlock(self, data: st.DataObject) -> None:
            identity = data.draw(st.sampled_from(list(self.model.merged_into)))
            if identity in self.model.locked:
                self.hub.unlock(identity, actor=ANN)
                self.model.locked.discard(identity)
            else:
                self.hub.lock(identity, actor=ANN)
                self.model.locked.add(identity)

        # -- folding and erasing profiles -------------------------------------------------

        @precondition(lambda self: len(self.model.profiles) >= 2)
        @rule(data=st.data(), actor=actors, any_kind=st.booleans())
        def fold(self, data: st.DataObject, actor: Actor, any_kind: bool) -> None:
            profiles = list(self.model.profiles)
            source = data.draw(st.sampled_from(profiles))
            # Mostly one of its kind, sometimes any (even itself): the refusals are modelled.
            same_kind = [p for p in profiles if p.kind is source.kind and p != source]
            into = data.draw(st.sampled_from(same_kind if same_kind and not any_kind else profiles))
            refusal = self.model.fold_refusal(source, into, actor)
            if refusal is not None:
                with pytest.raises(refusal) as raised:
                    self.hub.merge_profiles(source, into, actor=actor, reason="one account")
                assert raised.type is refusal, f"folding {source} into {into}: {raised.value!r}"
                return
            self.hub.merge_profiles(source, into, actor=actor, reason="one account")
            kept = self.model.profiles[into]
            self.model.profiles[into] = kept if kept is not None else self.model.profiles[source]
            self.model.redirect(source, into)
            self.model.undelivered += 1

        @precondition(lambda self: bool(self.model.profiles))
        @rule(data=st.data(), actor=actors)
        def erase(self, data: st.DataObject, actor: Actor) -> None:
            profile = data.draw(st.sampled_from(list(self.model.profiles)))
            if actor == JOB and self.model.profiles[profile] in self.model.locked:
                with pytest.raises(IdentityLocked):
                    self.hub.erase(profile, actor=actor, reason="request 42")
                return
            self.hub.erase(profile, actor=actor, reason="request 42")
            self.model.redirect(profile, ERASED)
            self.model.undelivered += 1

        # -- delivery ---------------------------------------------------------------------

        @precondition(lambda self: self.model.undelivered > 0)
        @rule(github_first=st.booleans(), batch=st.integers(1, 3))
        def deliver(self, github_first: bool, batch: int) -> None:
            trackers = [GITHUB, MAILING_LISTS] if github_first else [MAILING_LISTS, GITHUB]
            for tracker in trackers:
                assert pending(self.uow, tracker) == self.model.undelivered
                applied = apply_events(tracker, self.uow, batch=batch)
                assert applied.events == self.model.undelivered
                assert pending(self.uow, tracker) == 0
            self.model.undelivered = 0

        @rule()
        def drop_what_every_tracker_applied(self) -> None:
            prune([GITHUB, MAILING_LISTS], self.uow)
            with self.uow as uow:
                left = uow.identities.outbox_after(0, 10_000)
                end = uow.identities.outbox_end()
            assert len(left) == self.model.undelivered
            assert [entry.position for entry in left] == list(range(end - len(left) + 1, end + 1))

        def stored(self) -> tuple[dict[Any, Any], dict[Any, Any]]:
            with self.uow as uow:
                commits = uow.records(COMMITS).get_many([commit_key(i) for i in self.model.commits])
                messages = uow.records(MESSAGES).get_many(
                    [message_key(i) for i in self.model.messages]
                )
            return commits, messages

        @invariant()
        def once_delivered_no_orphans_and_nothing_lost(self) -> None:
            if self.model.undelivered:
                return

            commits, messages = self.stored()
            assert set(commits) == {commit_key(i) for i in self.model.commits}, "commits lost"
            assert set(messages) == {message_key(i) for i in self.model.messages}, "messages lost"
            named = {
                ref
                for record in [*commits.values(), *messages.values()]
                for ref in people_in(record)
            }
            orphans = named - self.hub.existing(named)
            assert not orphans, f"records name profiles that are gone: {orphans}"
            model = self.model
            for i, (who, _) in model.commits.items():
                commit = commits[commit_key(i)]
                assert commit.author == model.now(who.author), f"author of commit {i}"
                assert commit.committer == model.now(who.committer), f"committer of commit {i}"
                assert commit.co_authors == co_authors_now(model, who.co_authors), (
                    f"co-authors of commit {i}"
                )
                assert commit.message == f"commit {i}", f"message of commit {i} was emptied"
            for i, (label, item) in model.messages.items():
                message = messages[message_key(i)]
                assert message.sender == model.now(label), f"sender of message {i}"
                erased = label is not None and model.names[label] == ERASED
                assert message.body == ("" if erased else item.body), f"body of message {i}"
                assert message.subject == item.subject, f"subject of message {i}"

        # -- always -----------------------------------------------------------------------

        @invariant()
        def claims_name_what_the_model_says(self) -> None:
            claims = [claim for label in self.model.names for claim in CLAIMS[label]]
            expected = [self.model.now(label) for label in self.model.names for _ in CLAIMS[label]]
            assert self.hub.find_many(claims) == expected

        @invariant()
        def profiles_and_identities_agree(self) -> None:
            counts: dict[ProfileKind, int] = {}
            for ref in self.model.profiles:
                counts[ref.kind] = counts.get(ref.kind, 0) + 1
            assert self.hub.count_profiles() == counts
            for ref, identity in self.model.profiles.items():
                assert self.hub.identity_of(ref) == identity, f"identity of {ref}"

    return EventsLeaveNoOrphansAndLoseNothing


EXAMPLES: dict[str, int] = {"memory": 200, "sqlite": 40, "postgres": 25}


def test_once_events_are_delivered_no_record_names_a_gone_profile_and_nothing_is_lost(
    backend: Backend,
) -> None:
    run_state_machine_as_test(
        machine_for(backend),
        settings=settings(
            max_examples=EXAMPLES[backend.name],
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
