"""Natural keys and the source systems' quirks they absorb (seed-system.md section 1)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.identity.keys import natural_key
from core.identity.normalize import clean, email_address, fold
from core.protocols import (
    DiscordUserClaim,
    GitAuthorClaim,
    GitHubAccountClaim,
    InvalidEmail,
    InvalidProfileClaim,
    MailingListSenderClaim,
    RedditUserClaim,
    SlackUserClaim,
    WG21AuthorClaim,
    YouTubeSpeakerClaim,
)

names = st.text(min_size=1, max_size=40).filter(lambda s: clean(s) != "")


def test_a_github_account_is_keyed_by_its_numeric_id_whatever_its_login() -> None:
    # given two sightings of one account under two logins
    before = GitHubAccountClaim(github_id=583231, login="octocat")
    after = GitHubAccountClaim(github_id=583231, login="octo-renamed")

    # then they share one key
    assert natural_key(before) == natural_key(after) == "id:583231"


def test_a_github_login_alone_is_keyed_case_insensitively() -> None:
    assert natural_key(GitHubAccountClaim(login="OctoCat")) == "login:octocat"


@pytest.mark.parametrize(
    "claim",
    [
        GitHubAccountClaim(login="ghost"),
        GitHubAccountClaim(github_id=10137, login="ghost"),
        RedditUserClaim("[deleted]"),
        RedditUserClaim("AutoModerator"),
        RedditUserClaim("automoderator"),
        GitAuthorClaim(name="", email=""),
        MailingListSenderClaim(display_name=" ", email=""),
    ],
)
def test_placeholders_for_nobody_map_to_no_profile(claim: object) -> None:
    assert natural_key(claim) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        (GitHubAccountClaim(), "needs an id or a login"),
        (GitHubAccountClaim(github_id=0), "positive integer"),
        (GitHubAccountClaim(github_id=-3, login="x"), "positive integer"),
        (GitHubAccountClaim(github_id=True), "positive integer"),
        (GitHubAccountClaim(login="two words"), "not a GitHub login"),
        (SlackUserClaim(""), "not a Slack user id"),
        (SlackUserClaim("U 1"), "not a Slack user id"),
        (DiscordUserClaim(0), "snowflake"),
        (DiscordUserClaim(2**64), "snowflake"),
        (WG21AuthorClaim(""), "needs a name"),
        (YouTubeSpeakerClaim("  "), "needs a name"),
        (RedditUserClaim("not a name!"), "not a Reddit username"),
        (MailingListSenderClaim(display_name="x" * 300), "more than 255"),
    ],
)
def test_a_claim_that_cannot_be_a_key_is_refused_with_the_reason(
    claim: object, reason: str
) -> None:
    with pytest.raises(InvalidProfileClaim, match=reason):
        natural_key(claim)  # type: ignore[arg-type]


def test_reddit_usernames_match_whatever_their_case_and_prefix() -> None:
    keys = {natural_key(RedditUserClaim(name)) for name in ("Spez", "spez", "u/SPEZ", "/u/spez")}
    assert keys == {"spez"}


def test_one_youtube_speaker_is_one_key_whatever_the_channel_or_spacing() -> None:
    assert natural_key(YouTubeSpeakerClaim("Bjarne  Stroustrup")) == natural_key(
        YouTubeSpeakerClaim("bjarne stroustrup ")
    )


def test_a_sender_without_an_address_is_keyed_by_name_alone() -> None:
    # given the same nameless-address sender on two messages
    first = MailingListSenderClaim(display_name="Dave Abrahams")
    second = MailingListSenderClaim(display_name="Dave  Abrahams")

    # then one key, so one profile rather than one per message
    assert natural_key(first) == natural_key(second) == "|dave abrahams"


def test_a_git_author_is_keyed_by_email_in_any_case() -> None:
    assert natural_key(GitAuthorClaim("Ann", "Ann@Example.COM")) == natural_key(
        GitAuthorClaim("Ann B.", "ann@example.com")
    )


@pytest.mark.parametrize("address", ["noreply@github.com", "gitgitgadget@gmail.com", ""])
def test_people_sharing_a_relay_address_are_told_apart_by_name(address: str) -> None:
    alice = GitAuthorClaim("Alice via GitGitGadget", address)
    bob = GitAuthorClaim("Bob via GitGitGadget", address)
    assert natural_key(alice) != natural_key(bob)


def test_a_swapped_git_name_and_email_are_put_back_in_order() -> None:
    assert natural_key(GitAuthorClaim("ann@example.com", "Ann")) == "email:ann@example.com"


def test_an_address_with_no_domain_still_keys_a_git_author() -> None:
    assert natural_key(GitAuthorClaim("rganor", "rganor")) == "email:rganor"


@given(names)
def test_folding_is_idempotent(name: str) -> None:
    assert fold(fold(name)) == fold(name)


@given(names, st.sampled_from(["upper", "lower", "title", "pad"]))
def test_name_keys_ignore_case_and_surrounding_space(name: str, variant: str) -> None:
    changed = {
        "upper": name.upper(),
        "lower": name.lower(),
        "title": name.title(),
        "pad": f"  {name}\t",
    }[variant]
    # Case mappings of a few scripts are not inverses of casefold; compare folded forms.
    if fold(changed) == fold(name):
        assert natural_key(YouTubeSpeakerClaim(changed)) == natural_key(YouTubeSpeakerClaim(name))


@given(st.text(max_size=60))
def test_keys_never_hold_nul_control_characters_or_surrogates(text: str) -> None:
    try:
        key = natural_key(MailingListSenderClaim(display_name=text, email=text))
    except InvalidProfileClaim:
        return
    if key is not None:
        assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in key)
        key.encode("utf-8")


@given(st.integers(min_value=1, max_value=2**63 - 1))
def test_every_positive_github_id_is_a_key(github_id: int) -> None:
    assert natural_key(GitHubAccountClaim(github_id=github_id)) == f"id:{github_id}"


def test_email_addresses_are_stored_lower_cased_without_brackets() -> None:
    assert email_address(" <Ann@Example.COM> ") == "ann@example.com"


@pytest.mark.parametrize("address", ["", "ann", "ann@", "@example.com", "a b@example.com"])
def test_a_malformed_email_address_is_refused(address: str) -> None:
    with pytest.raises(InvalidEmail, match="not an email address"):
        email_address(address)
