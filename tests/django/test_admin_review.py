"""The review in the admin, behind login: recommendations by score with their evidence, accepted
and dismissed by admin actions through ``Reviewer``; identities merged and merges undone by
admin actions through ``IdentityHub``; every result and refusal a message, never a 500."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client

from adapters.django_orm.hub.models import Identity, Merge, Profile, Recommendation
from adapters.django_orm.hub.recommendations import DjangoRecommendationStore
from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity.reviewing import Reviewer
from core.protocols import Actor, GitHubAccountClaim, Operation
from core.protocols.claims import GitAuthorClaim, MailingListSenderClaim
from core.protocols.refs import IdentityRef, ProfileRef

RECOMMENDATIONS = "/admin/hub/recommendation/"
IDENTITIES = "/admin/hub/identity/"
MERGES = "/admin/hub/merge/"
ADMIN = Actor.user("admin")


@pytest.fixture
def staff_client() -> Client:
    User.objects.create_superuser("admin", "admin@example.com", "pw")
    client = Client()
    client.login(username="admin", password="pw")
    return client


def people(n: int) -> list[ProfileRef]:
    """``n`` people, each a git author and a list sender on one address, and a run of the
    rules, which recommends each pair."""
    uow = DjangoUnitOfWork()
    hub = identity_hub(uow=uow)
    claims: list[GitAuthorClaim | MailingListSenderClaim] = []
    for i in range(n):
        claims.append(GitAuthorClaim(f"Person Number{i}", f"person{i}@example{i}.net"))
        claims.append(MailingListSenderClaim(f"Person Number{i}", f"person{i}@example{i}.net"))
    refs = [ref for ref in hub.get_or_create_many(claims) if ref is not None]
    Reviewer(uow, DjangoRecommendationStore(), hub).recommend()
    return refs


def act(client: Client, page: str, action: str, ids: list[int]) -> tuple[int, list[str]]:
    """Run an admin action on the rows, in that order: the status, and the messages shown."""
    response = client.post(
        page, {"action": action, ACTION_CHECKBOX_NAME: [str(i) for i in ids]}, follow=True
    )
    return response.status_code, [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_given_a_visitor_not_signed_in_when_they_open_or_act_then_they_are_sent_to_login() -> None:
    people(1)
    [row] = Recommendation.objects.all()
    client = Client()

    pages = [RECOMMENDATIONS, f"{RECOMMENDATIONS}{row.pk}/change/", IDENTITIES, MERGES]
    shown = [client.get(page) for page in pages]
    acted = client.post(RECOMMENDATIONS, {"action": "accept", ACTION_CHECKBOX_NAME: [row.pk]})

    assert [r.status_code for r in [*shown, acted]] == [302] * 5
    assert all("/admin/login/" in r["Location"] for r in [*shown, acted])
    assert Recommendation.objects.get().status == "open"


@pytest.mark.django_db
def test_given_recommendations_when_listed_then_open_ones_show_by_score_with_profiles_and_evidence(
    staff_client: Client,
) -> None:
    # given two open recommendations and a dismissed one
    people(3)
    rows = list(Recommendation.objects.order_by("pk"))
    Recommendation.objects.filter(pk=rows[0].pk).update(score=0.5)
    Recommendation.objects.filter(pk=rows[2].pk).update(status="dismissed")

    # when the list, the decided list and one recommendation are shown
    listed = staff_client.get(RECOMMENDATIONS)
    decided = staff_client.get(RECOMMENDATIONS, {"status": "dismissed"})
    shown = staff_client.get(f"{RECOMMENDATIONS}{rows[1].pk}/change/")
    added = staff_client.get(f"{RECOMMENDATIONS}add/")
    deleted = staff_client.post(f"{RECOMMENDATIONS}{rows[1].pk}/delete/", {"post": "yes"})

    # then the open ones come best first with both profiles; the evidence is a table
    assert (listed.status_code, decided.status_code, shown.status_code) == (200, 200, 200)
    assert [r.pk for r in listed.context["cl"].result_list] == [rows[1].pk, rows[0].pk]
    assert [r.pk for r in decided.context["cl"].result_list] == [rows[2].pk]
    page, best = listed.content.decode(), rows[1]
    for profile in (best.first, best.second):
        assert f"{profile.kind} {profile.display_name} ({profile.key})" in page
    evidence = shown.content.decode()
    assert "<th>rule</th>" in evidence
    assert all(f"<td>{e['rule']}</td>" in evidence for e in best.evidence)
    assert (added.status_code, deleted.status_code) == (403, 403)
    assert Recommendation.objects.count() == 3


@pytest.mark.django_db
def test_given_a_recommendation_when_accepted_by_the_action_then_its_profiles_share_an_identity(
    staff_client: Client,
) -> None:
    first, second = people(1)
    [row] = Recommendation.objects.all()

    status, shown = act(staff_client, RECOMMENDATIONS, "accept", [row.pk])
    again, refused = act(staff_client, f"{RECOMMENDATIONS}?status=all", "accept", [row.pk])

    accepted = Recommendation.objects.get()
    identity = Profile.objects.get(pk=first.profile_id).identity_id
    assert (status, again) == (200, 200)
    assert (accepted.status, accepted.decided_by_kind, accepted.decided_by_name) == (
        "accepted",
        "user",
        "admin",
    )
    assert identity is not None
    assert Profile.objects.get(pk=second.profile_id).identity_id == identity
    assert shown == [
        f"Recommendation {row.pk} accepted (identity created): both profiles are identity"
        f" {identity}."
    ]
    assert refused == [
        f"Recommendation {row.pk} not accepted: recommendation {row.pk} was already accepted"
    ]
    log = identity_hub().audit(IdentityRef(identity), limit=10)
    assert {entry.actor for entry in log} == {ADMIN}
    assert {entry.operation for entry in log} == {Operation.CREATE_IDENTITY, Operation.LINK}


@pytest.mark.django_db
def test_given_a_recommendation_when_dismissed_by_the_action_then_it_is_closed_and_nothing_linked(
    staff_client: Client,
) -> None:
    people(1)
    [row] = Recommendation.objects.all()

    status, shown = act(staff_client, RECOMMENDATIONS, "dismiss", [row.pk])

    dismissed = Recommendation.objects.get()
    assert status == 200
    assert shown == [f"Recommendation {row.pk} dismissed."]
    assert (dismissed.status, dismissed.decided_by_name, dismissed.reason) == (
        "dismissed",
        "admin",
        "dismissed in the admin",
    )
    assert Profile.objects.filter(identity__isnull=False).count() == 0
    assert [r.pk for r in staff_client.get(RECOMMENDATIONS).context["cl"].result_list] == []


def two_people() -> tuple[IdentityRef, IdentityRef, list[ProfileRef]]:
    hub = identity_hub()
    refs = [hub.get_or_create(GitHubAccountClaim(github_id=i, login=f"user{i}")) for i in (1, 2)]
    profiles: list[ProfileRef] = [ref for ref in refs if ref is not None]
    ada, lovelace = hub.create_identity("Ada"), hub.create_identity("Lovelace")
    hub.link(profiles[0], ada)
    hub.link(profiles[1], lovelace)
    return ada, lovelace, profiles


@pytest.mark.django_db
def test_given_two_identities_when_merged_then_unmerged_by_the_actions_then_the_profiles_return(
    staff_client: Client,
) -> None:
    # given two people with a profile each
    ada, lovelace, profiles = two_people()

    # when the second is merged into the first (ticked first), then the merge is undone
    merged, merge_shown = act(
        staff_client, IDENTITIES, "merge_into_first", [lovelace.identity_id, ada.identity_id]
    )
    merge = Merge.objects.get()
    owners = {p.pk: p.identity_id for p in Profile.objects.all()}
    unmerged, unmerge_shown = act(staff_client, MERGES, "unmerge", [merge.pk])

    # then the merge went into the first ticked, and the unmerge put everything back
    assert (merged, unmerged) == (200, 200)
    assert merge.into_id == lovelace.identity_id and merge.others == [ada.identity_id]
    assert set(owners.values()) == {lovelace.identity_id}
    assert merge_shown[0].startswith(
        f"Merge {merge.pk}: identities {ada.identity_id} merged into identity"
        f" {lovelace.identity_id}"
    )
    assert unmerge_shown == [
        f"Merge {merge.pk} undone: identities revived: {ada.identity_id}; 1 profile(s) moved back."
    ]
    assert {p.pk: p.identity_id for p in Profile.objects.all()} == {
        profiles[0].profile_id: ada.identity_id,
        profiles[1].profile_id: lovelace.identity_id,
    }
    assert Identity.objects.get(pk=ada.identity_id).merged_into_id is None
    log = identity_hub().audit(lovelace, limit=2)
    assert [(e.operation, e.actor, e.reason) for e in log] == [
        (Operation.UNMERGE, ADMIN, "unmerged in the admin"),
        (Operation.MERGE, ADMIN, "merged in the admin"),
    ]


@pytest.mark.django_db
def test_given_refused_merges_and_unmerges_when_asked_in_the_admin_then_each_is_an_error_message(
    staff_client: Client,
) -> None:
    # given a merge already undone, and an identity retired by a second merge
    ada, lovelace, _ = two_people()
    hub = identity_hub()
    undone = hub.merge(ada, [lovelace], actor=ADMIN, reason="same")
    hub.unmerge(undone, actor=ADMIN, reason="not the same")
    hub.merge(ada, [lovelace], actor=ADMIN, reason="same after all")
    third = hub.create_identity("Third")

    # when the retired identity is merged, the undone merge undone again, one alone merged
    retired = act(
        staff_client, IDENTITIES, "merge_into_first", [lovelace.identity_id, third.identity_id]
    )
    twice = act(staff_client, MERGES, "unmerge", [undone.merge_id])
    alone = act(staff_client, IDENTITIES, "merge_into_first", [third.identity_id])

    # then each is refused as a message, nothing changed
    assert retired == (
        200,
        [
            f"Not merged: identity {lovelace.identity_id} was merged into identity"
            f" {ada.identity_id}; change that one, or unmerge first"
        ],
    )
    assert twice[0] == 200
    assert twice[1][0].startswith(
        f"Merge {undone.merge_id} not undone: merge {undone.merge_id} was already undone"
    )
    assert alone == (200, ["Select at least two identities to merge."])
    assert Identity.objects.get(pk=third.identity_id).merged_into_id is None
    assert Merge.objects.count() == 2


@pytest.mark.django_db
def test_given_a_locked_identity_when_the_admin_merges_it_then_the_user_may_and_is_audited(
    staff_client: Client,
) -> None:
    # given a locked identity: a lock stops automatic jobs, not users (core.identity.merging)
    ada, lovelace, _ = two_people()
    hub = identity_hub()
    hub.lock(lovelace, actor=ADMIN)

    status, shown = act(
        staff_client, IDENTITIES, "merge_into_first", [ada.identity_id, lovelace.identity_id]
    )

    assert status == 200
    assert shown[0].startswith("Merge ")
    assert Identity.objects.get(pk=lovelace.identity_id).merged_into_id == ada.identity_id
    assert hub.audit(ada, limit=1)[0].actor == ADMIN


PROFILES = "/admin/hub/profile/"


@pytest.mark.django_db
def test_given_profiles_when_erased_in_the_admin_then_a_page_asks_the_reason_before_anything_goes(
    staff_client: Client,
) -> None:
    # given a git author with a recommendation, and a list sender
    git_author, sender = people(1)
    ids = [git_author.profile_id, sender.profile_id]

    # when the action is chosen, then a page asks for the reason and nothing is erased yet
    asked = staff_client.post(
        PROFILES, {"action": "erase", ACTION_CHECKBOX_NAME: [str(i) for i in ids]}
    )
    assert asked.status_code == 200 and b"erase_reason" in asked.content
    assert Profile.objects.filter(pk__in=ids).count() == 2

    # when the reason is given and confirmed
    done = staff_client.post(
        PROFILES,
        {
            "action": "erase",
            ACTION_CHECKBOX_NAME: [str(ids[0])],
            "erase_reason": "request 77",
            "confirm_erase": "Erase",
        },
        follow=True,
    )

    # then that profile is erased as the signed-in user, with its recommendation, and audited
    assert done.status_code == 200
    shown = [str(m) for m in get_messages(done.wsgi_request)]
    assert any("1 profile(s) erased" in m for m in shown), shown
    assert list(Profile.objects.filter(pk__in=ids).values_list("pk", flat=True)) == [ids[1]]
    assert Recommendation.objects.count() == 0
    entry = identity_hub().audit(limit=1)[0]
    assert (entry.operation, entry.actor, entry.reason) == (Operation.ERASE, ADMIN, "request 77")
    assert identity_hub().find_many([GitAuthorClaim("Person Number0", "person0@example0.net")]) == [
        None
    ]
