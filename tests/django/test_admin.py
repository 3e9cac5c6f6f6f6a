"""The admin shows persons with their profiles, and profiles with their emails."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from adapters.django_orm.hub.models import Identity, Profile
from adapters.django_orm.main.bootstrap import identity_hub
from core.protocols import GitHubAccountClaim


@pytest.fixture
def staff_client() -> Client:
    User.objects.create_superuser("admin", "admin@example.com", "pw")
    client = Client()
    client.login(username="admin", password="pw")
    return client


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
