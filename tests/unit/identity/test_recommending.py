"""The recommendation rules on real-shaped profiles: git.git's authors and list senders,
GitHub noreply addresses, relays, bots, accents and initials."""

import pytest

from core.identity.recommending import (
    DEFAULT_EXCLUSIONS,
    Block,
    SnapshotIndex,
    blocking_keys,
    extended,
    name_words,
    recommend,
    recommend_changed,
)
from core.protocols.recommendations import (
    Evidence,
    Exclusions,
    ProfilePair,
    Recommendation,
    Rule,
)
from core.protocols.refs import (
    GitAuthorRef,
    GitHubAccountRef,
    MailingListSenderRef,
    ProfileKind,
    ProfileRef,
)
from tests.unit.identity.profiles import github, profile

GIT = ProfileKind.GIT_AUTHOR
LIST = ProfileKind.MAILING_LIST
WG21 = ProfileKind.WG21
SLACK = ProfileKind.SLACK
REDDIT = ProfileKind.REDDIT
YOUTUBE = ProfileKind.YOUTUBE


def pairs(recommendations: list[Recommendation]) -> set[frozenset[ProfileRef]]:
    return {frozenset((r.pair.first, r.pair.second)) for r in recommendations}


def only(recommendations: list[Recommendation]) -> Recommendation:
    assert len(recommendations) == 1, recommendations
    return recommendations[0]


def rules(recommendation: Recommendation) -> list[Rule]:
    return [e.rule for e in recommendation.evidence]


# -- same email ---------------------------------------------------------------------------


def test_given_a_git_author_and_a_list_sender_with_one_address_then_it_is_conclusive() -> None:
    found = only(
        recommend(
            [
                profile(1, GIT, "Junio C Hamano", "gitster@pobox.com"),
                profile(2, LIST, "Junio C Hamano", "GITSTER@pobox.com"),
            ]
        )
    )

    assert found.pair == ProfilePair(GitAuthorRef(1), MailingListSenderRef(2))
    assert found.conclusive
    assert found.evidence[0] == Evidence(
        Rule.SAME_EMAIL, "gitster@pobox.com", "gitster@pobox.com", 0.9, conclusive=True
    )
    assert rules(found) == [Rule.SAME_EMAIL, Rule.SAME_NAME]
    assert found.score == pytest.approx(1 - 0.1 * 0.5)


def test_given_two_names_on_one_address_then_the_name_variant_corroborates() -> None:
    found = only(
        recommend(
            [
                profile(1, LIST, "Junio C Hamano", "gitster@pobox.com"),
                profile(2, LIST, "Junio Hamano", "gitster@pobox.com"),
            ]
        )
    )

    assert found.conclusive
    assert found.evidence[1] == Evidence(Rule.NAME_INITIALS, "Junio C Hamano", "Junio Hamano", 0.2)


def test_given_strangers_on_one_build_address_then_it_is_not_conclusive() -> None:
    found = recommend(
        [
            profile(1, GIT, "Jane Doe", "build@company.com"),
            profile(2, LIST, "Bob Smith", "build@company.com"),
            profile(3, LIST, "Jane Doe", "build@company.com"),
        ]
    )

    assert len(found) == 3
    assert not any(r.conclusive for r in found)


def test_given_a_role_address_or_a_bare_host_then_the_match_is_not_conclusive() -> None:
    found = recommend(
        [
            profile(1, WG21, "Jane Doe", "info@boost.org"),
            profile(2, LIST, "Jane Doe", "info@boost.org"),
            profile(3, GIT, "Jeff King", "peff@laptop"),
            profile(4, LIST, "Jeff King", "peff@laptop"),
        ]
    )

    assert len(found) == 2
    assert all(not r.conclusive and Rule.SAME_EMAIL in rules(r) for r in found)


def test_given_the_gitgitgadget_relay_then_its_senders_are_never_paired() -> None:
    assert (
        recommend(
            [
                profile(1, GIT, "Alice Example via GitGitGadget", "gitgitgadget@gmail.com"),
                profile(2, GIT, "Bob Example via GitGitGadget", "gitgitgadget@gmail.com"),
                profile(3, LIST, "Alice Example via GitGitGadget", "gitgitgadget@gmail.com"),
                profile(4, GIT, "GitHub", "noreply@github.com"),
                profile(5, GIT, "Jane Doe", "noreply@github.com"),
            ]
        )
        == []
    )


def test_given_machine_addresses_and_placeholder_names_then_nothing_is_recommended() -> None:
    assert (
        recommend(
            [
                profile(1, GIT, "root", "root@build.company.com"),
                profile(2, GIT, "unknown", "root@build.company.com"),
                profile(3, GIT, "(no author)", "jane@box.localdomain"),
                profile(4, LIST, "(No Author)", "jane@box.localdomain"),
                profile(5, GIT, "Jane Doe", "jane@localhost"),
                profile(6, LIST, "Jane Doe via Boost-users", "jane@localhost"),
            ]
        )
        == []
    )


def test_given_an_address_more_profiles_share_than_a_block_holds_then_it_is_skipped() -> None:
    crowd = [profile(i, LIST, f"Person {i}", "everyone@company.com") for i in range(1, 31)]

    assert recommend(crowd) == []
    assert len(recommend(crowd, max_block=30)) == 30 * 29 // 2


# -- GitHub noreply -----------------------------------------------------------------------


def test_given_a_noreply_address_with_an_id_then_it_finds_the_account_by_id() -> None:
    found = only(
        recommend(
            [
                profile(1, GIT, "Jane Doe", "1234+jdoe@users.noreply.github.com"),
                github(2, "jane-renamed", 1234, "Jane D"),
                # The login the address names, now another account's.
                github(3, "jdoe", 9999, "Someone Else"),
            ]
        )
    )

    assert found.pair == ProfilePair(GitAuthorRef(1), GitHubAccountRef(2))
    assert found.conclusive
    assert found.evidence == (
        Evidence(Rule.GITHUB_NOREPLY, "1234+jdoe@users.noreply.github.com", "id:1234", 0.95, True),
    )


def test_given_a_legacy_noreply_address_then_it_finds_the_account_by_login() -> None:
    found = only(
        recommend(
            [
                github(1, "JDoe"),
                profile(2, GIT, "Jane Doe", "jdoe@users.noreply.github.com"),
            ]
        )
    )

    assert found.conclusive
    assert found.evidence[0] == Evidence(
        Rule.GITHUB_NOREPLY, "login:JDoe", "jdoe@users.noreply.github.com", 0.95, True
    )


def test_given_a_bot_noreply_address_then_no_account_is_recommended() -> None:
    assert (
        recommend(
            [
                profile(
                    1, GIT, "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"
                ),
                github(2, "dependabot[bot]", 49699333, is_bot=True, account_type="bot"),
            ]
        )
        == []
    )


def test_given_an_account_with_its_own_noreply_address_then_it_is_no_pair() -> None:
    assert recommend([github(1, "jdoe", 1234, "", "1234+jdoe@users.noreply.github.com")]) == []


# -- usernames ----------------------------------------------------------------------------


def test_given_one_username_and_one_full_name_on_two_platforms_then_it_is_recommended() -> None:
    found = only(
        recommend(
            [
                github(1, "vinniefalco", 1503976, "Vinnie Falco"),
                profile(2, SLACK, "Vinnie Falco", username="vinniefalco"),
            ]
        )
    )

    assert rules(found) == [Rule.SAME_USERNAME, Rule.SAME_NAME]
    assert not found.conclusive


def test_given_a_short_common_username_alone_then_nothing_is_recommended() -> None:
    assert recommend([github(1, "bob", 7, "Bob"), profile(2, REDDIT, "bob", username="bob")]) == []


def test_given_a_rare_username_then_it_is_recommended_and_initials_corroborate() -> None:
    found = only(
        recommend(
            [
                github(1, "BjarneStroustrup", 42, "Bjarne Stroustrup"),
                profile(2, REDDIT, "B. Stroustrup", username="bjarnestroustrup"),
            ]
        )
    )

    assert rules(found) == [Rule.SAME_USERNAME, Rule.NAME_INITIALS]
    assert found.evidence[0].first == "BjarneStroustrup"
    assert found.score == pytest.approx(1 - 0.6 * 0.8)


def test_given_a_username_two_accounts_of_one_platform_held_then_it_is_not_rare() -> None:
    assert (
        recommend(
            [
                github(1, "longusername", 10),
                github(2, "longusername", 11),
                profile(3, REDDIT, "", username="LongUsername"),
            ]
        )
        == []
    )


# -- names --------------------------------------------------------------------------------


def test_given_accented_and_plain_spellings_then_the_names_match() -> None:
    found = only(
        recommend(
            [
                profile(1, WG21, "José Pérez", "jose@example.es"),
                profile(2, YOUTUBE, "JOSE  PEREZ"),
            ]
        )
    )

    assert found.evidence == (Evidence(Rule.SAME_NAME, "José Pérez", "JOSE PEREZ", 0.5),)
    assert not found.conclusive


def test_given_junio_c_hamano_and_junio_hamano_alone_then_names_do_not_recommend() -> None:
    assert (
        recommend(
            [
                profile(1, GIT, "Junio C Hamano", "gitster@pobox.com"),
                profile(2, LIST, "Junio Hamano", "junio@twinsun.com"),
            ]
        )
        == []
    )


def test_given_initials_without_corroboration_then_nothing_is_recommended() -> None:
    assert (
        recommend([profile(1, WG21, "B. Stroustrup"), profile(2, YOUTUBE, "Bjarne Stroustrup")])
        == []
    )


def test_given_one_word_or_initials_only_names_then_they_are_not_strict() -> None:
    assert recommend([profile(1, WG21, "Bjarne"), profile(2, YOUTUBE, "bjarne")]) == []
    assert recommend([profile(1, WG21, "B. Stroustrup"), profile(2, YOUTUBE, "B Stroustrup")]) == []


def test_given_names_with_letters_that_do_not_decompose_then_they_stay_apart() -> None:
    assert name_words("Łukasz Nowak") != name_words("Lukasz Nowak")
    assert name_words("José Pérez") == name_words("jose perez") == ("jose", "perez")
    assert name_words("jane@example.org") == ()


# -- identities, dismissals, exclusions, incremental runs ----------------------------------


def test_given_profiles_of_one_identity_then_they_are_not_recommended() -> None:
    assert (
        recommend(
            [
                profile(1, GIT, "Jeff King", "peff@peff.net", identity_id=7),
                profile(2, LIST, "Jeff King", "peff@peff.net", identity_id=7),
            ]
        )
        == []
    )


def test_given_a_dismissed_pair_then_it_is_not_recommended_in_either_order() -> None:
    profiles = [
        profile(1, GIT, "Jeff King", "peff@peff.net"),
        profile(2, LIST, "Jeff King", "peff@peff.net"),
    ]
    dismissed = {ProfilePair.of(MailingListSenderRef(2), GitAuthorRef(1))}

    assert recommend(profiles, dismissed=dismissed) == []
    assert recommend_changed(profiles[:1], SnapshotIndex(profiles[1:]), dismissed=dismissed) == []


def test_given_a_user_exclusion_then_the_defaults_still_apply_and_the_address_is_ignored() -> None:
    exclusions = extended(DEFAULT_EXCLUSIONS, Exclusions(addresses=frozenset({"Peff@Peff.net"})))
    profiles = [
        profile(1, GIT, "Jeff", "peff@peff.net"),
        profile(2, LIST, "Peff", "peff@peff.net"),
        profile(3, GIT, "A via GitGitGadget", "gitgitgadget@gmail.com"),
        profile(4, GIT, "B via GitGitGadget", "gitgitgadget@gmail.com"),
    ]

    assert len(recommend(profiles)) == 1
    assert recommend(profiles, exclusions=exclusions) == []
    assert "gitgitgadget@gmail.com" in exclusions.addresses


def test_given_organisations_and_bot_flags_then_they_take_part_in_no_rule() -> None:
    assert (
        recommend(
            [
                github(
                    1,
                    "boostorg",
                    3170529,
                    "Boost.org",
                    "info@boost.org",
                    account_type="organization",
                ),
                profile(2, LIST, "Boost.org", "info@boost.org"),
                profile(3, SLACK, "Build Bot", "ci@company.com", is_bot=True),
                profile(4, GIT, "Build Bot", "ci@company.com"),
            ]
        )
        == []
    )


def test_given_a_new_profile_then_the_incremental_run_finds_its_pairs_only() -> None:
    rest = [
        profile(1, GIT, "Jeff King", "peff@peff.net"),
        profile(2, LIST, "Jeff King", "peff@peff.net"),
        github(3, "peff", 45925, "Jeff King"),
    ]
    new = profile(4, WG21, "Jeff King", "peff@peff.net")

    found = recommend_changed([new], SnapshotIndex(rest))

    assert pairs(found) == {frozenset((new.ref, other.ref)) for other in rest}
    assert found == [r for r in recommend([*rest, new]) if new.ref in (r.pair.first, r.pair.second)]


def test_given_a_changed_profile_then_it_wins_over_its_stale_copy_in_the_index() -> None:
    before = profile(1, GIT, "Jeff King", "peff@peff.net")
    after = profile(1, GIT, "Jeff King", "jeff@github.com")
    other = profile(2, LIST, "Someone", "peff@peff.net")

    assert recommend_changed([after], SnapshotIndex([before, other])) == []


def test_given_a_profile_then_its_blocking_keys_ignore_exclusions() -> None:
    keys = blocking_keys(profile(1, GIT, "Alice via GitGitGadget", "gitgitgadget@gmail.com"))

    assert (Block.EMAIL, "gitgitgadget@gmail.com") in keys


def test_given_one_profile_twice_with_different_values_then_the_run_refuses() -> None:
    with pytest.raises(ValueError, match="git_author profile 1 is given twice"):
        recommend([profile(1, GIT, "A B", "a@b.org"), profile(1, GIT, "A C", "a@b.org")])


def test_given_a_pair_in_the_wrong_order_or_a_self_pair_then_the_value_refuses() -> None:
    with pytest.raises(ValueError, match="ordered and joins two profiles"):
        ProfilePair(GitAuthorRef(2), GitAuthorRef(1))
    with pytest.raises(ValueError, match="ordered and joins two profiles"):
        ProfilePair.of(GitAuthorRef(1), GitAuthorRef(1))
