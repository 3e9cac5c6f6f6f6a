"""Persons (identities) and the profiles linked to them, on every adapter."""

import pytest

from core.identity import IdentityHub
from core.protocols import (
    GitHubAccountClaim,
    GitHubAccountRef,
    IdentityNotFound,
    IdentityRef,
    ProfileNotFound,
    SlackUserClaim,
)
from core.protocols.events import HubEvent, IdentityCreated, ProfileLinked, ProfileUnlinked
from tests.contract.conftest import Backend


def test_profiles_of_several_kinds_link_to_one_person(hub: IdentityHub) -> None:
    github, slack = hub.get_or_create_many(
        [GitHubAccountClaim(github_id=1, login="ann"), SlackUserClaim("U1")]
    )
    assert github is not None and slack is not None
    ann = hub.create_identity("Ann")

    hub.link(github, ann)
    hub.link(slack, ann)

    assert hub.profiles_of(ann) == [github, slack]
    assert hub.identity_of(github) == ann == hub.identity_of(slack)
    assert hub.count_identities() == 1


def test_a_new_profile_belongs_to_nobody(hub: IdentityHub) -> None:
    ref = hub.get_or_create(SlackUserClaim("U1"))
    assert ref is not None

    assert hub.identity_of(ref) is None


def test_linking_to_another_person_moves_the_profile(hub: IdentityHub) -> None:
    ref = hub.get_or_create(SlackUserClaim("U1"))
    assert ref is not None
    first, second = hub.create_identity("A"), hub.create_identity("A")

    hub.link(ref, first)
    hub.link(ref, second)

    assert hub.profiles_of(first) == []
    assert hub.profiles_of(second) == [ref]


def test_unlinking_leaves_the_profile_and_the_person_in_place(hub: IdentityHub) -> None:
    ref = hub.get_or_create(SlackUserClaim("U1"))
    assert ref is not None
    person = hub.create_identity()
    hub.link(ref, person)

    hub.unlink(ref)

    assert hub.identity_of(ref) is None
    assert hub.profiles_of(person) == []
    assert hub.get(ref) is not None


def test_linking_publishes_events_and_repeating_a_link_publishes_none(backend: Backend) -> None:
    events: list[HubEvent] = []
    hub = backend.hub(events.append)
    ref = hub.get_or_create(SlackUserClaim("U1"))
    assert ref is not None
    person = hub.create_identity("Ann")
    events.clear()

    hub.link(ref, person)
    hub.link(ref, person)
    hub.unlink(ref)
    hub.unlink(ref)

    assert events == [ProfileLinked(ref, person, None), ProfileUnlinked(ref, person)]
    assert IdentityCreated(person, "Ann") not in events


def test_linking_an_unknown_profile_or_person_says_which_is_missing(hub: IdentityHub) -> None:
    ref = hub.get_or_create(GitHubAccountClaim(github_id=1))
    assert ref is not None
    person = hub.create_identity()

    with pytest.raises(ProfileNotFound, match="no github profile"):
        hub.link(GitHubAccountRef(ref.profile_id + 50), person)
    with pytest.raises(IdentityNotFound, match=f"no identity with id {person.identity_id + 50}"):
        hub.link(ref, IdentityRef(person.identity_id + 50))
    with pytest.raises(IdentityNotFound):
        hub.profiles_of(IdentityRef(person.identity_id + 50))
