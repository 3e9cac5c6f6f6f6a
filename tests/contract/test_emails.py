"""Emails of profiles: many per profile, one primary, active or not, on every adapter."""

import re

import pytest

from core.identity import IdentityHub
from core.protocols import (
    EmailNotFound,
    GitHubAccountClaim,
    InvalidEmail,
    MailingListSenderClaim,
    ProfileNotFound,
    ProfileRef,
    SlackUserClaim,
    SlackUserRef,
)


def addresses(hub: IdentityHub, ref: ProfileRef) -> list[tuple[str, bool, bool]]:
    snapshot = hub.get(ref)
    assert snapshot is not None
    return sorted((e.address, e.is_primary, e.is_active) for e in snapshot.emails)


@pytest.fixture
def ann(hub: IdentityHub) -> SlackUserRef:
    ref = hub.get_or_create(SlackUserClaim("U1", display_name="Ann"))
    assert ref is not None
    return ref


def test_the_first_address_of_a_profile_becomes_its_primary_one(
    hub: IdentityHub, ann: SlackUserRef
) -> None:
    hub.add_email(ann, "Ann@Example.com")
    hub.add_email(ann, "ann@work.example")

    assert addresses(hub, ann) == [
        ("ann@example.com", True, True),
        ("ann@work.example", False, True),
    ]


def test_an_address_differing_only_in_case_is_the_same_address(
    hub: IdentityHub, ann: SlackUserRef
) -> None:
    hub.add_email(ann, "ann@example.com")
    hub.add_email(ann, "ANN@EXAMPLE.COM")

    assert addresses(hub, ann) == [("ann@example.com", True, True)]


def test_setting_a_primary_address_demotes_the_previous_one(
    hub: IdentityHub, ann: SlackUserRef
) -> None:
    hub.add_email(ann, "a@example.com")
    hub.add_email(ann, "b@example.com")

    hub.set_primary_email(ann, "b@example.com")

    assert addresses(hub, ann) == [("a@example.com", False, True), ("b@example.com", True, True)]


def test_adding_an_address_as_primary_demotes_the_previous_one(
    hub: IdentityHub, ann: SlackUserRef
) -> None:
    hub.add_email(ann, "a@example.com")

    hub.add_email(ann, "b@example.com", primary=True)

    assert addresses(hub, ann) == [("a@example.com", False, True), ("b@example.com", True, True)]


def test_an_address_can_be_deactivated_and_reactivated(hub: IdentityHub, ann: SlackUserRef) -> None:
    hub.add_email(ann, "a@example.com")

    hub.set_email_active(ann, "a@example.com", False)
    assert addresses(hub, ann) == [("a@example.com", True, False)]

    hub.set_email_active(ann, "a@example.com", True)
    assert addresses(hub, ann) == [("a@example.com", True, True)]


def test_removing_the_primary_address_promotes_another_active_one(
    hub: IdentityHub, ann: SlackUserRef
) -> None:
    hub.add_email(ann, "a@example.com")
    hub.add_email(ann, "b@example.com")
    hub.add_email(ann, "c@example.com", active=False)

    hub.remove_email(ann, "a@example.com")

    assert addresses(hub, ann) == [("b@example.com", True, True), ("c@example.com", False, False)]


def test_addresses_from_claims_are_attached_once(hub: IdentityHub) -> None:
    claims = [MailingListSenderClaim("Ann", "ann@example.com")] * 2
    ref = hub.get_or_create_many(claims)[0]
    assert ref is not None

    hub.get_or_create(MailingListSenderClaim("Ann", "ANN@example.com"))

    assert addresses(hub, ref) == [("ann@example.com", True, True)]


def test_a_claims_malformed_address_is_kept_in_the_key_but_not_as_an_email(
    hub: IdentityHub,
) -> None:
    ref = hub.get_or_create(GitHubAccountClaim(github_id=5, email="not-an-address"))
    assert ref is not None

    assert addresses(hub, ref) == []


def test_a_malformed_address_is_refused(hub: IdentityHub, ann: SlackUserRef) -> None:
    with pytest.raises(InvalidEmail, match="not an email address"):
        hub.add_email(ann, "ann at example.com")


def test_email_operations_on_an_unknown_profile_or_address_say_what_is_missing(
    hub: IdentityHub, ann: SlackUserRef
) -> None:
    ghost = SlackUserRef(ann.profile_id + 1000)
    with pytest.raises(ProfileNotFound, match=f"no slack profile with id {ghost.profile_id}"):
        hub.add_email(ghost, "a@example.com")
    with pytest.raises(EmailNotFound, match=re.escape("has no email 'b@example.com'")):
        hub.set_primary_email(ann, "b@example.com")
    with pytest.raises(EmailNotFound):
        hub.remove_email(ann, "b@example.com")
