"""The review in the admin driven in a real browser: headless Chromium (the system's, found on
PATH; no browser download) against pytest-django's live server. A reviewer logs in through the
admin's login form, accepts a recommendation, sees the merged identity, and unmerges it.

A missing Chromium fails the test with what to install: it is never skipped.
"""

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from adapters.django_orm.hub.models import Identity, Merge, Profile, Recommendation
from adapters.django_orm.hub.recommendations import DjangoRecommendationStore
from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity.reviewing import Reviewer
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim
from core.protocols.refs import IdentityRef, ProfileKind, ProfileRef

# The flags of ../shared/reference/environment.md: a container, no GPU, no network of its own.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


def chromium_path() -> str:
    """The system Chromium on PATH; its absence fails the test, it never skips it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "No Chromium on PATH (looked for chromium and chromium-browser): the browser test"
        " needs it; install it with `apt-get install -y chromium` (.ci/run does).",
        pytrace=False,
    )


@contextmanager
def headless_chromium(executable: str) -> Iterator[Browser]:
    """Headless Chromium at ``executable``, closed on the way out."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def one_person_in_two_identities() -> tuple[list[ProfileRef], list[IdentityRef]]:
    """A git author and a list sender on one address, each in an identity of its own, and a
    run of the rules, which recommends the pair."""
    uow = DjangoUnitOfWork()
    hub = identity_hub(uow=uow)
    claims = [
        GitAuthorClaim("Ada Lovelace", "ada@example.net"),
        MailingListSenderClaim("Ada Lovelace", "ada@example.net"),
    ]
    profiles = [ref for ref in hub.get_or_create_many(claims) if ref is not None]
    identities = [hub.create_identity("Ada (git)"), hub.create_identity("Ada (list)")]
    for profile, identity in zip(profiles, identities, strict=True):
        hub.link(profile, identity)
    Reviewer(uow, DjangoRecommendationStore(), hub).recommend()
    return profiles, identities


def run_action(page: Page, row_id: int, action: str) -> None:
    """Tick the row, choose the action, press Go: what a reviewer does on a changelist."""
    page.locator(f"input[name='_selected_action'][value='{row_id}']").check()
    page.select_option("select[name='action']", action)
    page.locator("button[name='index'], input[name='index']").first.click()


def profiles_shown(page: Page, identity_id: int) -> list[str]:
    """The kinds of the profiles an identity's page lists, as shown (the kinds' names)."""
    page.goto(f"/admin/hub/identity/{identity_id}/change/")
    rows = page.locator("#profiles-group tbody tr.has_original")
    kinds = rows.locator("td.field-kind")
    return sorted(kind.strip() for kind in kinds.all_text_contents())


@pytest.mark.django_db(transaction=True)
def test_given_a_recommendation_between_two_identities_when_accepted_then_unmerged_in_chromium_then_they_are_merged_then_separate_again(  # noqa: E501
    live_server: LiveServer,
) -> None:
    executable = chromium_path()  # here, not in a fixture: its absence fails this test
    # given a reviewer, and one person's two profiles in two identities, recommended as a pair
    # (the database work is done outside the browser block: Django refuses ORM calls inside
    # the event loop that Playwright's sync API runs)
    User.objects.create_superuser("reviewer", "reviewer@example.com", "pw")
    profiles, identities = one_person_in_two_identities()
    [recommendation] = Recommendation.objects.filter(status="open")
    owners = {p.profile_id: i.identity_id for p, i in zip(profiles, identities, strict=True)}

    with headless_chromium(executable) as browser:
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()

        # when the reviewer logs in through the form and accepts the recommendation
        page.goto("/admin/hub/recommendation/")
        expect(page).to_have_url(re.compile(r"/admin/login/"))
        page.fill("input[name='username']", "reviewer")
        page.fill("input[name='password']", "pw")
        page.locator("input[type='submit'], button[type='submit']").first.click()
        expect(page).to_have_url(re.compile(r"/admin/hub/recommendation/$"))
        run_action(page, recommendation.pk, "accept")
        accepted = page.locator("ul.messagelist li.success")
        expect(accepted).to_contain_text(f"Recommendation {recommendation.pk} accepted")
        found = re.search(r"both profiles are identity (\d+)", accepted.inner_text())
        assert found is not None, accepted.inner_text()
        merged_into = int(found.group(1))

        # then the identity's page lists both profiles
        merged_page = profiles_shown(page, merged_into)

        # when the reviewer unmerges that merge
        page.goto("/admin/hub/merge/")
        merges = page.locator("input[name='_selected_action']")
        expect(merges).to_have_count(1)
        merge_id = int(merges.first.get_attribute("value") or "0")
        run_action(page, merge_id, "unmerge")
        expect(page.locator("ul.messagelist li.success")).to_contain_text(
            f"Merge {merge_id} undone"
        )
        separate_pages = [profiles_shown(page, i.identity_id) for i in identities]
        context.close()

    # then one identity showed both profiles, and after the unmerge each shows its own again;
    # the database agrees
    git, listed = ProfileKind.GIT_AUTHOR.name, ProfileKind.MAILING_LIST.name
    assert merged_into in owners.values()
    assert merged_page == [git, listed], merged_page
    assert separate_pages == [[git], [listed]], separate_pages
    assert {p.pk: p.identity_id for p in Profile.objects.all()} == owners
    assert Identity.objects.filter(pk__in=owners.values(), merged_into__isnull=True).count() == 2
    assert Merge.objects.get(pk=merge_id).unmerged_at is not None
    assert Recommendation.objects.get(pk=recommendation.pk).status == "accepted"
