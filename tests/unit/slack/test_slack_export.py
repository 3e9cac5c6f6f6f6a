"""Reading a Slack workspace export: every quirk of the format, each on a fixture
(tests/fixtures/slack/export, a folder export of one small workspace)."""

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.protocols.claims import SlackUserClaim
from tests.unit.slack.reading import FIXTURES, Read, read, zipped
from trackers.slack.records import Team

EXPORT = FIXTURES / "export"
GENERAL, CORE, MPIM, DM = "C0GENERAL", "G0CORE001", "G0MPIM001", "D0DM00001"
THREAD = (GENERAL, "1453994400.000005")


@pytest.fixture(scope="module")
def export() -> Read:
    return read(EXPORT)


def test_a_folder_export_reads_without_a_problem_but_the_saved_error_response(
    export: Read,
) -> None:
    # then the one problem is the saved {"ok": false} page, named by member
    assert [(p.path, p.position, p.reason) for p in export.problems] == [
        (
            str(EXPORT),
            "D0DM00001/2016-01-29.json",
            "a Slack Web API error response, not data: user_not_found",
        )
    ]
    assert len(export.messages) == 18
    assert len(export.changes) == 3


def test_the_zip_of_an_export_reads_as_its_folder_does(export: Read, tmp_path: Path) -> None:
    # given the export zipped, as Slack delivers it, and zipped again from its folder (one
    # folder inside, with macOS's __MACOSX beside it)
    flat = zipped(EXPORT, tmp_path / "export.zip")
    wrapped = zipped(EXPORT, tmp_path / "wrapped.zip", prefix="C++ Alliance Slack export/")
    with zipfile.ZipFile(wrapped, "a") as more:
        more.writestr("__MACOSX/C++ Alliance Slack export/._users.json", b"\x00\x05\x16\x07")

    # when each is read
    from_flat, from_wrapped = read(flat), read(wrapped)

    # then both give the folder's records, in the same order, and its problems
    records = [item for item in export.order if item not in export.problems]
    for archived in (from_flat, from_wrapped):
        assert [item for item in archived.order if item not in archived.problems] == records
        assert [(p.position, p.reason) for p in archived.problems] == [
            (p.position, p.reason) for p in export.problems
        ]
        assert {p.path for p in archived.problems} <= {str(flat), str(wrapped)}


def test_users_are_read_before_conversations_and_conversations_before_their_messages(
    export: Read,
) -> None:
    kinds = [type(item).__name__ for item in export.order]

    assert kinds.index("User") < kinds.index("Channel") < kinds.index("Message")
    assert max(i for i, k in enumerate(kinds) if k == "User") < kinds.index("Channel")


def test_users_keep_their_names_in_any_script_their_flags_and_their_update_time(
    export: Read,
) -> None:
    ann, anuj, ken = (export.users[u] for u in ("U0ANN0001", "U0ANUJ002", "U0KEN0003"))

    assert (ann.name, ann.real_name, ann.display_name, ann.title, ann.time_zone) == (
        "ann",
        "Ann Example",
        "ann",
        "Release manager",
        "Europe/Paris",
    )
    assert ann.updated_at == datetime(2017, 8, 7, 20, 44, 46, tzinfo=UTC)
    assert ann.account == SlackUserClaim(
        "U0ANN0001",
        username="ann",
        display_name="Ann Example",
        avatar_url="https://avatars.example.org/ann_72.png",
        email="ann@example.org",
    )
    assert (anuj.real_name, ken.real_name, ken.display_name) == ("अनुज शर्मा", "田中 健", "健")
    assert (ann.is_deleted, ken.is_deleted) == (False, True)
    assert ann.team_id == ken.team_id == "T0TEAM001"


def test_a_name_is_taken_as_typed_never_from_real_name_normalized(export: Read) -> None:
    # given a Devanagari name whose real_name_normalized lost its vowel signs
    anuj = export.users["U0ANUJ002"]

    # then the profile's name is the name as typed
    assert anuj.account is not None
    assert anuj.account.display_name == "अनुज शर्मा"
    assert "अनज" not in {anuj.real_name, anuj.display_name, anuj.account.display_name}


def test_a_user_without_an_email_is_claimed_without_one(export: Read) -> None:
    # given users.json's profile.email, often absent
    claims = {user_id: user.account for user_id, user in export.users.items()}

    assert claims["U0ANUJ002"] is not None and claims["U0ANUJ002"].email == ""
    assert claims["U0KEN0003"] is not None and claims["U0KEN0003"].email == ""


def test_bots_are_flagged_whether_users_json_lists_them_or_not(export: Read) -> None:
    # given a bot user, Slackbot (listed with is_bot false), and an integration absent from
    # users.json that posts with a bot_id and no user
    ci = export.messages[(GENERAL, "1453995350.000550")].author
    slackbot = export.messages[(GENERAL, "1453995500.000700")].author
    travis = export.messages[(GENERAL, "1453995300.000500")]

    # then each author is a bot, the integration claimed by its bot id and its name
    assert ci is not None and ci.is_bot and ci.slack_user_id == "U0CIBOT04"
    assert slackbot is not None and slackbot.is_bot and slackbot.slack_user_id == "USLACKBOT"
    assert travis.subtype == "bot_message"
    assert travis.author == SlackUserClaim(
        "B0TRAVIS1",
        username="travis-ci",
        display_name="travis-ci",
        avatar_url="https://example.org/travis_48.png",
        is_bot=True,
    )
    assert export.users["U0CIBOT04"].is_bot is True


def test_a_bot_messages_text_is_in_its_attachments(export: Read) -> None:
    travis = export.messages[(GENERAL, "1453995300.000500")]

    assert travis.text == ""
    assert travis.attachments == ("Build #1024 of boostorg/json passed",)


def test_bot_add_is_written_by_the_user_who_added_the_bot(export: Read) -> None:
    added = export.messages[(GENERAL, "1453995360.000560")]

    assert added.subtype == "bot_add"
    assert added.author is not None and added.author.slack_user_id == "U0ANN0001"
    assert not added.author.is_bot


def test_conversations_are_keyed_by_id_their_folders_by_name_or_id(export: Read) -> None:
    # given a public channel, a private one (groups.json), a group DM (mpims.json) and a DM
    # (dms.json, its folder named by id)
    kinds = {c.channel_id: (c.kind, c.name) for c in export.channels.values()}

    assert kinds == {
        GENERAL: ("public", "general"),
        CORE: ("private", "core-team"),
        MPIM: ("mpim", "mpdm-ann--anuj--ken-1"),
        DM: ("im", ""),
    }
    channels_with_messages = {channel for channel, _ in export.messages}
    assert channels_with_messages == {GENERAL, CORE, MPIM, DM}


def test_a_channel_keeps_its_creator_members_topic_purpose_and_the_exports_last_day(
    export: Read,
) -> None:
    general, core = export.channels[GENERAL], export.channels[CORE]

    assert general.creator is not None and general.creator.slack_user_id == "U0ANN0001"
    assert general.members is not None
    assert [m.slack_user_id for m in general.members] == ["U0ANN0001", "U0ANUJ002", "U0KEN0003"]
    assert (general.topic, general.purpose) == ("C++ and Boost", "Team-wide talk")
    assert general.created_at == datetime(2013, 2, 13, 19, 13, 24, tzinfo=UTC)
    assert (general.is_general, general.is_archived, core.is_archived) == (True, False, True)
    # the last day file of the export dates every conversation it describes
    assert {c.as_of for c in export.channels.values()} == {datetime(2016, 1, 29, tzinfo=UTC)}


def test_a_message_is_keyed_by_its_ts_within_its_channel(export: Read) -> None:
    message = export.messages[THREAD]

    assert message.ts == "1453994400.000005"
    # seconds, and the sequence within them read as microseconds
    assert message.posted_at == datetime(2016, 1, 28, 15, 20, 0, 5, tzinfo=UTC)


def test_a_threads_first_message_knows_its_replies_and_each_reply_its_thread(
    export: Read,
) -> None:
    parent = export.messages[THREAD]
    replies = [m for m in export.messages.values() if m.thread_ts == parent.ts and m != parent]

    assert (parent.thread_ts, parent.reply_count, parent.latest_reply) == (
        "1453994400.000005",
        2,
        "1453995100.000300",
    )
    assert sorted(m.ts for m in replies) == ["1453994700.000100", "1453995100.000300"]
    assert {m.subtype for m in replies} == {"", "thread_broadcast"}


def test_an_old_thread_counts_its_replies_from_the_replies_list(export: Read) -> None:
    # given a thread of an old export: a replies list and no reply_count or latest_reply
    parent = export.messages[(CORE, "1453994100.000002")]

    assert (parent.reply_count, parent.latest_reply) == (2, "1453994190.000004")
    assert parent.updated_at == datetime(2016, 1, 28, 15, 16, 30, 4, tzinfo=UTC)


def test_an_edit_dates_the_message_and_its_latest_reply_dates_it_later(export: Read) -> None:
    parent = export.messages[THREAD]

    assert parent.edited_at == datetime(2016, 1, 28, 15, 21, tzinfo=UTC)
    # updated_at is its last change: the latest reply, after the edit
    assert parent.updated_at == datetime(2016, 1, 28, 15, 31, 40, 300, tzinfo=UTC)
    unedited = export.messages[(GENERAL, "1453995200.000400")]
    assert unedited.edited_at is None and unedited.updated_at == unedited.posted_at


def test_reactions_are_their_names_and_their_total_count(export: Read) -> None:
    parent = export.messages[THREAD]

    assert (parent.reactions, parent.reaction_count) == (("+1", "rocket"), 3)
    unreacted = export.messages[(GENERAL, "1453995200.000400")]
    assert (unreacted.reactions, unreacted.reaction_count) == ((), None)


def test_files_are_their_names_and_a_hidden_file_its_id(export: Read) -> None:
    shared = export.messages[(GENERAL, "1453995400.000600")]
    old_style = export.messages[(CORE, "1453994200.000005")]

    assert (shared.subtype, shared.files) == ("file_share", ("bench.png", "F0HIDDEN1"))
    # an old export's single "file" object
    assert old_style.files == ("plan.txt",)


def test_a_file_comment_is_written_by_its_commenter_and_says_the_comment(export: Read) -> None:
    comment = export.messages[(CORE, "1453994300.000006")]

    assert comment.subtype == "file_comment"
    assert comment.author is not None and comment.author.slack_user_id == "U0ANUJ002"
    assert comment.text == "looks good"
    assert comment.files == ("plan.txt",)


def test_a_me_message_is_a_message_of_its_subtype(export: Read) -> None:
    me = export.messages[(GENERAL, "1453995200.000400")]

    assert (me.subtype, me.text) == ("me_message", "is reading the benchmark code")
    assert me.author is not None and me.author.slack_user_id == "U0ANUJ002"


def test_joins_and_leaves_are_membership_changes_with_their_time_not_messages(
    export: Read,
) -> None:
    join = export.changes[(GENERAL, "1453994356.000002")]
    leave = export.changes[(GENERAL, "1454090000.000010")]
    group_join = export.changes[(CORE, "1453994000.000001")]

    assert join.joined and not leave.joined and group_join.joined
    assert join.member is not None and join.member.slack_user_id == "U0ANUJ002"
    assert join.inviter is not None and join.inviter.slack_user_id == "U0ANN0001"
    assert leave.at == datetime(2016, 1, 29, 17, 53, 20, 10, tzinfo=UTC)
    assert not set(export.changes) & set(export.messages)


def test_a_user_absent_from_users_json_is_claimed_from_the_messages_user_profile(
    export: Read,
) -> None:
    # given a guest of another workspace, whose message embeds a user_profile copy
    guest = export.messages[(GENERAL, "1454090100.000020")]

    assert guest.author == SlackUserClaim(
        "U0GUEST01",
        username="guest.dev",
        display_name="Zoë Nguyễn",
        avatar_url="https://avatars.example.org/guest_72.png",
    )


def test_a_listed_user_is_claimed_from_users_json_not_from_an_older_embedded_copy(
    export: Read,
) -> None:
    # given a message whose user_profile copy names Ann "annie", as she was then
    parent = export.messages[THREAD]

    # then her claim is users.json's, the same as on every other sighting
    assert parent.author == export.users["U0ANN0001"].account


def test_mentions_old_and_new_style_are_people_in_order(export: Read) -> None:
    # given "<@U0ANUJ002>" and the old-style "<@U0GUEST01|guest.dev>" in the text
    parent = export.messages[THREAD]

    assert parent.text.startswith("Welcome <@U0ANUJ002>!")
    assert parent.mentions is not None
    assert [(m.slack_user_id, m.username) for m in parent.mentions] == [
        ("U0ANUJ002", "anuj"),
        ("U0GUEST01", "guest.dev"),
    ]


def test_a_saved_conversations_history_page_is_read_as_a_day_file(export: Read) -> None:
    # given a DM folder holding a conversations.history page (has_more, a next cursor)
    dm = sorted(ts for channel, ts in export.messages if channel == DM)

    assert dm == ["1453996400.000100", "1453996500.000200"]


def test_teams_come_from_users_messages_and_a_saved_team_info(export: Read) -> None:
    assert set(export.teams) == {
        Team("T0TEAM001"),
        Team("T0TEAM001", name="C++ Alliance", domain="cpplang"),
        Team("T0OTHER02"),
    }


def test_files_of_an_export_that_hold_nothing_stored_are_not_read(export: Read) -> None:
    # integration_logs.json is neither a problem nor a source of records
    assert not [p for p in export.problems if "integration_logs" in p.position]
