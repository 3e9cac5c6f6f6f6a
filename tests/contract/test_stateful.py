"""A Hypothesis state machine drives the hub on each adapter and a plain model with the same
random operations, and checks after every step that they agree.

The model is the specification written as simply as possible: a profile is a dict entry under
its natural key, computed by a few obvious rules per kind; it knows nothing of the hub's
resolution plan, GitHub login upgrades or bulk writes.
"""

from contextlib import AbstractContextManager, nullcontext

import attrs
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from core.identity import IdentityHub
from core.protocols import (
    GitHubAccountClaim,
    IdentityRef,
    MailingListSenderClaim,
    ProfileClaim,
    ProfileKind,
    ProfileRef,
    RedditUserClaim,
    SlackUserClaim,
    YouTubeSpeakerClaim,
)
from tests.contract.conftest import Backend

GITHUB_ACCOUNTS = [(1, "alpha"), (2, "Beta"), (3, "gamma")]
ADDRESSES = ["a@x.org", "A@X.org", "b@x.org", "c@y.net"]


def github_claims() -> st.SearchStrategy[GitHubAccountClaim]:
    # A login always comes with its id here: an id alone cannot be matched to a login-only
    # sighting by anyone, model or hub.
    return st.builds(
        lambda account, with_id, upper, email: GitHubAccountClaim(
            github_id=account[0] if with_id else None,
            login=account[1].upper() if upper else account[1],
            email=email,
        ),
        st.sampled_from(GITHUB_ACCOUNTS),
        st.booleans(),
        st.booleans(),
        st.sampled_from(["", *ADDRESSES]),
    )


claims = st.one_of(
    github_claims(),
    st.builds(SlackUserClaim, st.sampled_from(["U1", "U2", "u2", "W3"])),
    st.builds(
        MailingListSenderClaim,
        st.sampled_from(["Ann", "ann ", "Bob", "Dave  Abrahams"]),
        st.sampled_from(["", "ann@x.org", "ANN@x.org", "bob@x.org"]),
    ),
    st.builds(
        RedditUserClaim, st.sampled_from(["spez", "Spez", "[deleted]", "AutoModerator", "kn0"])
    ),
    st.builds(
        YouTubeSpeakerClaim, st.sampled_from(["Herb Sutter", "herb  sutter", "Kate Gregory"])
    ),
)


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def model_key(claim: ProfileClaim[ProfileRef]) -> tuple[ProfileKind, str] | None:
    match claim:
        case GitHubAccountClaim():
            return ProfileKind.GITHUB, claim.login.casefold()
        case SlackUserClaim():
            return ProfileKind.SLACK, claim.slack_user_id.upper()
        case MailingListSenderClaim():
            return ProfileKind.MAILING_LIST, f"{claim.email.lower()}|{fold(claim.display_name)}"
        case RedditUserClaim():
            name = claim.username.casefold()
            return None if name in ("[deleted]", "automoderator") else (ProfileKind.REDDIT, name)
        case YouTubeSpeakerClaim():
            return ProfileKind.YOUTUBE, fold(claim.display_name)
    raise AssertionError(f"no model rule for {claim!r}")


def model_email(claim: ProfileClaim[ProfileRef]) -> str:
    match claim:
        case GitHubAccountClaim() | MailingListSenderClaim():
            return claim.email.lower()
    return ""


@attrs.define
class Email:
    primary: bool
    active: bool = True


@attrs.define
class PlainModel:
    keys: dict[tuple[ProfileKind, str], int] = attrs.field(factory=dict)
    emails: dict[int, dict[str, Email]] = attrs.field(factory=dict)
    identity: dict[int, int | None] = attrs.field(factory=dict)
    identities: int = 0

    def profile(self, key: tuple[ProfileKind, str]) -> int:
        if key not in self.keys:
            self.keys[key] = len(self.keys)
            self.emails[self.keys[key]] = {}
            self.identity[self.keys[key]] = None
        return self.keys[key]

    def attach_from_claim(self, profile: int, address: str) -> None:
        """A claim's address is added once; the first address of a profile is primary."""
        emails = self.emails[profile]
        if address not in emails:
            emails[address] = Email(primary=not any(e.primary for e in emails.values()))

    def add_email(self, profile: int, address: str, primary: bool) -> None:
        """Adding an address makes it active; it becomes primary when asked, when it already
        was, or when it is the profile's first."""
        emails = self.emails[profile]
        if address in emails:
            primary = primary or emails[address].primary
        else:
            primary = primary or not any(e.primary for e in emails.values())
        if primary:
            for email in emails.values():
                email.primary = False
        emails[address] = Email(primary, active=True)


def machine_for(backend: Backend) -> type[RuleBasedStateMachine]:
    class HubAgreesWithPlainModel(RuleBasedStateMachine):
        profiles = Bundle("profiles")
        persons = Bundle("persons")

        def __init__(self) -> None:
            super().__init__()
            self.block: AbstractContextManager[object] = (
                nullcontext() if backend.alias is None else transaction.atomic(using=backend.alias)
            )
            self.block.__enter__()
            self.hub: IdentityHub = backend.hub()
            self.model = PlainModel()
            self.refs: dict[int, ProfileRef] = {}
            self.persons_of: dict[int, IdentityRef] = {}

        def teardown(self) -> None:
            if backend.alias is not None:
                transaction.set_rollback(True, using=backend.alias)
            self.block.__exit__(None, None, None)

        def agree(self, model_id: int, ref: ProfileRef) -> None:
            known = self.refs.setdefault(model_id, ref)
            assert known == ref, f"model profile {model_id} is {known}, the hub said {ref}"
            assert list(self.refs.values()).count(ref) == 1, f"{ref} names two model profiles"

        @rule(target=profiles, batch=st.lists(claims, min_size=1, max_size=5))
        def get_or_create_many(self, batch: list[ProfileClaim[ProfileRef]]) -> list[int]:
            refs = self.hub.get_or_create_many(batch)
            created = []
            for claim, ref in zip(batch, refs, strict=True):
                key = model_key(claim)
                if key is None:
                    assert ref is None
                    continue
                assert ref is not None
                model_id = self.model.profile(key)
                self.agree(model_id, ref)
                if email := model_email(claim):
                    self.model.attach_from_claim(model_id, email)
                created.append(model_id)
            return created

        @rule(batch=st.lists(claims, min_size=1, max_size=5))
        def find_many(self, batch: list[ProfileClaim[ProfileRef]]) -> None:
            for claim, ref in zip(batch, self.hub.find_many(batch), strict=True):
                key = model_key(claim)
                if key is None or key not in self.model.keys:
                    assert ref is None
                else:
                    assert ref == self.refs[self.model.keys[key]]

        @precondition(lambda self: bool(self.model.keys))
        @rule(data=st.data(), address=st.sampled_from(ADDRESSES), primary=st.booleans())
        def add_email(self, data: st.DataObject, address: str, primary: bool) -> None:
            model_id = data.draw(st.sampled_from(sorted(self.refs)))
            self.hub.add_email(self.refs[model_id], address, primary=primary)
            self.model.add_email(model_id, address.lower(), primary)

        @precondition(lambda self: any(self.model.emails.values()))
        @rule(data=st.data(), active=st.booleans())
        def set_email_active(self, data: st.DataObject, active: bool) -> None:
            model_id = data.draw(st.sampled_from([p for p, e in self.model.emails.items() if e]))
            address = data.draw(st.sampled_from(sorted(self.model.emails[model_id])))
            self.hub.set_email_active(self.refs[model_id], address, active)
            self.model.emails[model_id][address].active = active

        @rule(target=persons, name=st.sampled_from(["", "Ann", "Ann"]))
        def create_identity(self, name: str) -> int:
            person = self.hub.create_identity(name)
            model_person = self.model.identities
            self.model.identities += 1
            assert person not in self.persons_of.values()
            self.persons_of[model_person] = person
            return model_person

        @precondition(lambda self: bool(self.model.keys))
        @rule(data=st.data(), person=persons)
        def link(self, data: st.DataObject, person: int) -> None:
            model_id = data.draw(st.sampled_from(sorted(self.refs)))
            self.hub.link(self.refs[model_id], self.persons_of[person])
            self.model.identity[model_id] = person

        @precondition(lambda self: bool(self.model.keys))
        @rule(data=st.data())
        def unlink(self, data: st.DataObject) -> None:
            model_id = data.draw(st.sampled_from(sorted(self.refs)))
            self.hub.unlink(self.refs[model_id])
            self.model.identity[model_id] = None

        @rule(profile_ids=consumes(profiles))
        def profiles_stay_resolvable(self, profile_ids: list[int]) -> None:
            refs = [self.refs[i] for i in profile_ids]
            assert self.hub.existing(refs) == frozenset(refs)

        @invariant()
        def counts_agree(self) -> None:
            expected: dict[ProfileKind, int] = {}
            for kind, _ in self.model.keys:
                expected[kind] = expected.get(kind, 0) + 1
            assert self.hub.count_profiles() == expected
            assert self.hub.count_identities() == self.model.identities

        @invariant()
        def emails_and_links_agree(self) -> None:
            snapshots = self.hub.get_many(list(self.refs.values()))
            for model_id, ref in self.refs.items():
                snapshot = snapshots[ref]
                actual = {(e.address, e.is_primary, e.is_active) for e in snapshot.emails}
                expected = {
                    (address, email.primary, email.active)
                    for address, email in self.model.emails[model_id].items()
                }
                assert actual == expected, f"emails of {ref}"
                person = self.model.identity[model_id]
                assert snapshot.record.identity == (
                    None if person is None else self.persons_of[person]
                )

    return HubAgreesWithPlainModel


EXAMPLES: dict[str, int] = {"memory": 300, "sqlite": 100, "postgres": 60}


def test_the_hub_agrees_with_a_plain_model_under_random_operations(backend: Backend) -> None:
    run_state_machine_as_test(
        machine_for(backend),
        settings=settings(
            max_examples=EXAMPLES[backend.name],
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
