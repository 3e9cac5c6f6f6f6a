"""Getting, creating and looking up profiles, on every adapter."""

import pytest

from core.identity import IdentityHub
from core.protocols import (
    BoostAuthorClaim,
    DiscordUserClaim,
    GitAuthorClaim,
    GitHubAccountClaim,
    GitHubAccountRef,
    GitHubAccountType,
    InvalidProfileClaim,
    MailingListSenderClaim,
    ProfileClaim,
    ProfileKind,
    ProfileRef,
    RedditUserClaim,
    SlackUserClaim,
    SlackUserRef,
    WG21AuthorClaim,
    YouTubeSpeakerClaim,
)
from core.protocols.events import HubEvent, ProfileCreated, ProfileUpdated
from tests.contract.conftest import Backend

ONE_OF_EACH: list[ProfileClaim[ProfileRef]] = [
    GitHubAccountClaim(github_id=1, login="octocat"),
    GitAuthorClaim("Ann", "ann@example.com"),
    SlackUserClaim("U024BE7LH", display_name="Ann"),
    DiscordUserClaim(80351110224678912, username="nelly"),
    MailingListSenderClaim("Beman Dawes", "bdawes@acm.org"),
    WG21AuthorClaim("Bjarne Stroustrup"),
    YouTubeSpeakerClaim("Herb Sutter"),
    RedditUserClaim("spez", reddit_user_id="1w72"),
    BoostAuthorClaim("Beman Dawes", "bdawes@acm.org"),
]


def test_get_or_create_returns_a_ref_of_the_claims_kind_for_every_kind(hub: IdentityHub) -> None:
    refs = hub.get_or_create_many(ONE_OF_EACH)

    assert [type(ref).__name__ for ref in refs] == [
        "GitHubAccountRef",
        "GitAuthorRef",
        "SlackUserRef",
        "DiscordUserRef",
        "MailingListSenderRef",
        "WG21AuthorRef",
        "YouTubeSpeakerRef",
        "RedditUserRef",
        "BoostAuthorRef",
    ]
    assert hub.count_profiles() == dict.fromkeys(ProfileKind, 1)


def test_getting_the_same_claims_again_creates_nothing(hub: IdentityHub) -> None:
    first = hub.get_or_create_many(ONE_OF_EACH)

    second = hub.get_or_create_many(ONE_OF_EACH)

    assert first == second
    assert sum(hub.count_profiles().values()) == len(ONE_OF_EACH)


def test_claims_repeated_within_one_batch_name_one_profile(hub: IdentityHub) -> None:
    refs = hub.get_or_create_many(
        [RedditUserClaim("Spez"), RedditUserClaim("spez"), RedditUserClaim("u/SPEZ")]
    )

    assert refs[0] is not None and refs == [refs[0]] * 3


def test_claims_naming_nobody_get_no_profile_and_create_nothing(hub: IdentityHub) -> None:
    refs = hub.get_or_create_many([RedditUserClaim("[deleted]"), RedditUserClaim("AutoModerator")])

    assert refs == [None, None]
    assert hub.count_profiles() == {}


def test_a_github_account_known_by_login_is_upgraded_when_its_id_appears(
    hub: IdentityHub,
) -> None:
    # given an owner seen only in a repository URL
    by_login = hub.get_or_create(GitHubAccountClaim(login="Boostorg"))

    # when the API later reports its id
    by_id = hub.get_or_create(GitHubAccountClaim(github_id=3170529, login="boostorg"))

    # then it is the same profile, now keyed by id
    assert by_id is not None
    assert by_login == by_id
    assert hub.get_or_create(GitHubAccountClaim(github_id=3170529)) == by_id
    assert hub.get_or_create(GitHubAccountClaim(login="BOOSTORG")) == by_id
    snapshot = hub.get(by_id)
    assert snapshot is not None and snapshot.record.key == "id:3170529"


def test_a_login_and_its_id_in_one_batch_name_one_profile(hub: IdentityHub) -> None:
    refs = hub.get_or_create_many(
        [GitHubAccountClaim(login="octocat"), GitHubAccountClaim(github_id=583231, login="octocat")]
    )

    assert refs[0] == refs[1]
    assert hub.count_profiles() == {ProfileKind.GITHUB: 1}


def test_a_reused_login_does_not_merge_two_accounts_with_ids(hub: IdentityHub) -> None:
    old = hub.get_or_create(GitHubAccountClaim(github_id=1, login="taken"))

    new = hub.get_or_create(GitHubAccountClaim(github_id=2, login="taken"))

    assert old != new


def test_an_organisation_is_never_downgraded_to_a_user(hub: IdentityHub) -> None:
    org = GitHubAccountClaim(
        github_id=9, login="boostorg", account_type=GitHubAccountType.ORGANIZATION
    )
    ref = hub.get_or_create(org)
    assert ref is not None

    hub.get_or_create(GitHubAccountClaim(github_id=9, account_type=GitHubAccountType.USER))

    snapshot = hub.get(ref)
    assert snapshot is not None and snapshot.record.account_type == "organization"


def test_a_user_becomes_an_organisation_when_the_platform_says_so(hub: IdentityHub) -> None:
    ref = hub.get_or_create(GitHubAccountClaim(github_id=9, account_type=GitHubAccountType.USER))
    assert ref is not None

    hub.get_or_create(GitHubAccountClaim(github_id=9, account_type=GitHubAccountType.ORGANIZATION))

    snapshot = hub.get(ref)
    assert snapshot is not None and snapshot.record.account_type == "organization"


def test_empty_values_never_erase_known_ones(hub: IdentityHub) -> None:
    ref = hub.get_or_create(
        SlackUserClaim("U1", username="ann", display_name="Ann B.", avatar_url="https://a/1.png")
    )
    assert ref is not None

    hub.get_or_create(SlackUserClaim("U1"))

    snapshot = hub.get(ref)
    assert snapshot is not None
    assert (snapshot.record.username, snapshot.record.display_name, snapshot.record.avatar_url) == (
        "ann",
        "Ann B.",
        "https://a/1.png",
    )


def test_a_sender_with_no_address_is_not_duplicated_per_message(hub: IdentityHub) -> None:
    refs = hub.get_or_create_many([MailingListSenderClaim("Dave Abrahams")] * 3)
    refs += hub.get_or_create_many([MailingListSenderClaim("Dave  Abrahams ")])

    assert len(set(refs)) == 1
    assert hub.count_profiles() == {ProfileKind.MAILING_LIST: 1}


def test_a_bot_flag_once_set_stays_set(hub: IdentityHub) -> None:
    ref = hub.get_or_create(GitHubAccountClaim(github_id=49699333, login="dependabot[bot]"))
    hub.get_or_create(GitHubAccountClaim(github_id=49699333, account_type=GitHubAccountType.USER))

    assert ref is not None
    snapshot = hub.get(ref)
    assert snapshot is not None and snapshot.record.is_bot


def test_find_many_looks_up_without_creating(hub: IdentityHub) -> None:
    known = hub.get_or_create(GitHubAccountClaim(github_id=7, login="seven"))

    found = hub.find_many(
        [
            GitHubAccountClaim(github_id=7),
            GitHubAccountClaim(login="SEVEN"),
            GitHubAccountClaim(github_id=8),
            GitHubAccountClaim(login="ghost"),
        ]
    )

    assert found == [known, known, None, None]
    assert hub.count_profiles() == {ProfileKind.GITHUB: 1}


def test_get_many_returns_snapshots_of_existing_refs_of_the_right_kind_only(
    hub: IdentityHub,
) -> None:
    github = hub.get_or_create(GitHubAccountClaim(github_id=1, login="a", email="a@example.com"))
    assert github is not None

    snapshots = hub.get_many(
        [github, SlackUserRef(github.profile_id), GitHubAccountRef(github.profile_id + 999)]
    )

    assert list(snapshots) == [github]
    assert snapshots[github].primary_email == "a@example.com"
    assert hub.get(SlackUserRef(github.profile_id)) is None


def test_existing_reports_which_refs_name_a_stored_profile(hub: IdentityHub) -> None:
    a, b = hub.get_or_create_many([SlackUserClaim("U1"), SlackUserClaim("U2")])
    assert a is not None and b is not None
    missing = SlackUserRef(a.profile_id + b.profile_id + 100)
    wrong_kind = GitHubAccountRef(a.profile_id)

    assert hub.existing([a, b, missing, wrong_kind]) == {a, b}
    assert hub.existing([]) == frozenset()


def test_an_invalid_claim_in_a_batch_stores_nothing_of_the_batch(hub: IdentityHub) -> None:
    with pytest.raises(InvalidProfileClaim, match="Slack user id"):
        hub.get_or_create_many([SlackUserClaim("U1"), SlackUserClaim("not valid")])

    assert hub.count_profiles() == {}


def test_nul_and_control_characters_are_stripped_from_stored_text(hub: IdentityHub) -> None:
    ref = hub.get_or_create(MailingListSenderClaim("Ann\x00 B\x07", "ann@example.com"))
    assert ref is not None

    snapshot = hub.get(ref)

    assert snapshot is not None and snapshot.record.display_name == "Ann B"


def test_creating_and_updating_publish_events(backend: Backend) -> None:
    events: list[HubEvent] = []
    hub = backend.hub(events.append)

    ref = hub.get_or_create(GitHubAccountClaim(login="octocat"))
    hub.get_or_create(GitHubAccountClaim(github_id=583231, login="octocat"))

    assert ref is not None
    assert events == [
        ProfileCreated(ref, "login:octocat"),
        ProfileUpdated(ref, ("key", "external_id")),
    ]


def test_get_or_create_each_stores_the_valid_claims_and_returns_each_error_in_place(
    hub: IdentityHub,
) -> None:
    results = hub.get_or_create_each(
        [SlackUserClaim("U1"), SlackUserClaim("not valid"), SlackUserClaim("U2")]
    )

    assert isinstance(results[0], SlackUserRef)
    assert isinstance(results[1], InvalidProfileClaim)
    assert "not a Slack user id" in str(results[1])
    assert isinstance(results[2], SlackUserRef)
    assert hub.count_profiles() == {ProfileKind.SLACK: 2}


def test_a_login_from_an_old_noreply_address_never_replaces_the_one_the_api_gave(
    backend: Backend,
) -> None:
    # given an account the API named "octocat", and old commits naming it "oldcat"
    events: list[HubEvent] = []
    hub = backend.hub(events.append)
    api = GitHubAccountClaim(github_id=5, login="octocat", avatar_url="https://a/5.png")
    noreply = GitHubAccountClaim(github_id=5, login="oldcat")
    [ref] = hub.get_or_create_many([api])
    assert ref is not None

    # when both are resolved again and again, in either order
    for claims in ([noreply], [api], [noreply, api], [api, noreply]):
        hub.get_or_create_many(claims)

    # then the login stays the API's, and the account was never rewritten
    snapshot = hub.get(ref)
    assert snapshot is not None and snapshot.record.username == "octocat"
    assert [type(event).__name__ for event in events] == ["ProfileCreated"]
