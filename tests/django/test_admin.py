"""The admin shows persons with their profiles, and profiles with their emails; its editorial
decisions go through the hub's use cases; tracker records are read-only there."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from adapters.django_orm.hub.models import Identity, Profile
from adapters.django_orm.main import bootstrap
from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.trackers import tracker_apps
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.protocols import Actor, GitHubAccountClaim, GitHubAccountRef, Operation
from core.protocols.events import (
    HubEvent,
    IdentityCreated,
    IdentityUpdated,
    ProfileLinked,
    ProfileUnlinked,
)
from core.protocols.refs import IdentityRef
from tests.contract.cases import discover


@pytest.fixture
def staff_client() -> Client:
    User.objects.create_superuser("admin", "admin@example.com", "pw")
    client = Client()
    client.login(username="admin", password="pw")
    return client


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[HubEvent]:
    heard: list[HubEvent] = []
    monkeypatch.setattr(bootstrap, "EVENT_HANDLERS", [heard.append])
    return heard


@pytest.mark.django_db
def test_the_admin_lists_and_shows_profiles_and_identities(staff_client: Client) -> None:
    hub = identity_hub()
    ref = hub.get_or_create(GitHubAccountClaim(github_id=1, login="octocat", email="o@x.org"))
    assert ref is not None
    person = hub.create_identity("Octo Cat")
    hub.link(ref, person)

    pages = [
        "/admin/hub/profile/",
        f"/admin/hub/profile/{ref.profile_id}/change/",
        "/admin/hub/identity/",
        f"/admin/hub/identity/{person.identity_id}/change/",
        "/admin/hub/profile/?q=o@x.org",
    ]
    responses = {page: staff_client.get(page) for page in pages}

    assert {page: r.status_code for page, r in responses.items()} == dict.fromkeys(pages, 200)
    assert b"octocat" in responses["/admin/hub/profile/?q=o@x.org"].content
    assert b"o@x.org" in responses[f"/admin/hub/profile/{ref.profile_id}/change/"].content
    assert Profile.objects.get(pk=ref.profile_id).identity == Identity.objects.get()


def _profile_form(profile: Profile, identity: int | None) -> dict[str, object]:
    """What the profile's change form posts: the identity, and the empty email inline."""
    return {
        "identity": "" if identity is None else str(identity),
        "emails-TOTAL_FORMS": "0",
        "emails-INITIAL_FORMS": "0",
        "emails-MIN_NUM_FORMS": "0",
        "emails-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_linking_and_unlinking_in_the_admin_goes_through_the_hub(
    staff_client: Client, events: list[HubEvent]
) -> None:
    # given a profile and a person
    hub = identity_hub()
    ref = hub.get_or_create(GitHubAccountClaim(github_id=1, login="octocat"))
    assert isinstance(ref, GitHubAccountRef)
    person = hub.create_identity("Octo Cat")
    events.clear()
    profile = Profile.objects.get(pk=ref.profile_id)
    page = f"/admin/hub/profile/{ref.profile_id}/change/"

    # when the admin sets the profile's identity, then clears it
    linked = staff_client.post(page, _profile_form(profile, person.identity_id))
    linked_to = Profile.objects.get(pk=ref.profile_id).identity_id
    unlinked = staff_client.post(page, _profile_form(profile, None))

    # then each was the hub's link and unlink, with their events
    assert (linked.status_code, unlinked.status_code) == (302, 302)
    assert linked_to == person.identity_id
    assert Profile.objects.get(pk=ref.profile_id).identity_id is None
    assert events == [ProfileLinked(ref, person, None), ProfileUnlinked(ref, person)]


@pytest.mark.django_db
def test_persons_are_created_and_renamed_in_the_admin_through_the_hub_and_never_deleted(
    staff_client: Client, events: list[HubEvent]
) -> None:
    form = {
        "display_name": "Ada",
        "description": "",
        "profiles-TOTAL_FORMS": "0",
        "profiles-INITIAL_FORMS": "0",
        "profiles-MIN_NUM_FORMS": "0",
        "profiles-MAX_NUM_FORMS": "1000",
    }

    created = staff_client.post("/admin/hub/identity/add/", form)
    person = IdentityRef(Identity.objects.get().pk)
    renamed = staff_client.post(
        f"/admin/hub/identity/{person.identity_id}/change/", form | {"display_name": "Ada L."}
    )
    deleted = staff_client.post(
        f"/admin/hub/identity/{person.identity_id}/delete/", {"post": "yes"}
    )

    assert (created.status_code, renamed.status_code, deleted.status_code) == (302, 302, 403)
    assert Identity.objects.get().display_name == "Ada L."
    assert events == [IdentityCreated(person, "Ada"), IdentityUpdated(person, "Ada L.", "")]


@pytest.mark.django_db
def test_admin_edits_are_audited_as_the_signed_in_user_and_merges_and_the_log_are_read_only(
    staff_client: Client,
) -> None:
    # given a profile linked in the admin, and a merge made through the hub
    hub = identity_hub()
    ref = hub.get_or_create(GitHubAccountClaim(github_id=1, login="octocat"))
    assert isinstance(ref, GitHubAccountRef)
    person, other = hub.create_identity("Octo Cat"), hub.create_identity("Octo")
    profile = Profile.objects.get(pk=ref.profile_id)
    staff_client.post(
        f"/admin/hub/profile/{ref.profile_id}/change/", _profile_form(profile, person.identity_id)
    )
    merge = hub.merge(person, [other], actor=Actor.user("admin"), reason="same person")

    # when the merges and the audit log are shown, and a change to them is tried
    pages = [
        "/admin/hub/merge/",
        f"/admin/hub/merge/{merge.merge_id}/change/",
        "/admin/hub/auditentry/",
    ]
    shown = {page: staff_client.get(page).status_code for page in pages}
    added = staff_client.post("/admin/hub/auditentry/add/", {}).status_code

    # then the link is audited as the user's, and the log is shown but never written
    [link] = hub.audit(person, limit=2)[1:]
    assert (link.operation, link.actor, link.profiles) == (
        Operation.LINK,
        Actor.user("admin"),
        (ref,),
    )
    assert shown == dict.fromkeys(pages, 200)
    assert added == 403


@pytest.mark.django_db
def test_every_tracker_record_is_shown_and_never_added_changed_or_deleted_in_the_admin(
    staff_client: Client,
) -> None:
    # given a record with every field set in every store
    uow = DjangoUnitOfWork()
    with uow:
        for case in discover():
            uow.records(case.record_type).add_many([case.full])
        uow.commit()

    for app in tracker_apps():
        for model in app.stores().values():
            row = model._default_manager.first()
            assert row is not None, model
            meta = model._meta
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
            delete = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[row.pk])
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")

            # when the records are listed, shown, changed, deleted and added
            statuses = (
                staff_client.get(changelist).status_code,
                staff_client.get(change).status_code,
                staff_client.post(change, {}).status_code,
                staff_client.post(delete, {"post": "yes"}).status_code,
                staff_client.get(add).status_code,
            )

            # then they are shown, and every write is refused
            assert statuses == (200, 200, 403, 403, 403), model
            assert model._default_manager.filter(pk=row.pk).exists()
