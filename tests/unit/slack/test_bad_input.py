"""What is not a good export, or not an export at all: one problem per bad file or item, with
the export, the member and where in it, and a one-line reason; what can be read is read; the
reader never raises."""

import json
import os
import zipfile
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from tests.unit.slack.reading import FIXTURES, read, zipped
from trackers.slack.sources.slack_export import read_slack_export

BROKEN = FIXTURES / "broken"


def problems_of(path: Path) -> list[tuple[str, str]]:
    return [(p.position, p.reason) for p in read(path).problems]


def export_folder(tmp_path: Path, day: bytes | str, name: str = "2016-01-28.json") -> Path:
    """A minimal export: one user, one channel, and one day file holding ``day``."""
    folder = tmp_path / "export"
    (folder / "general").mkdir(parents=True)
    (folder / "users.json").write_text(json.dumps([{"id": "U0ANN0001", "name": "ann"}]))
    (folder / "channels.json").write_text(json.dumps([{"id": "C0GENERAL", "name": "general"}]))
    day_file = folder / "general" / name
    if isinstance(day, bytes):
        day_file.write_bytes(day)
    else:
        day_file.write_text(day, encoding="utf-8")
    return folder


def test_each_bad_item_and_file_of_an_export_is_one_problem_and_the_rest_is_read() -> None:
    # given an export with bad users, channels, messages and files among good ones
    found = read(BROKEN)

    # then each is named by member and position, with its reason
    assert problems_of(BROKEN) == [
        ("users.json item 1", "not an object but a string"),
        ("users.json item 2", "id is missing"),
        ("users.json item 3", "id should be a Slack id, not 'not an id'"),
        ("users.json item 4", "id should be a Slack id, not 12345"),
        ("error.json", "a Slack Web API error response, not data: invalid_auth"),
        ("notes.json", "not a file of a Slack export, nor a saved team.info response: not read"),
        (
            "channels.json item 0 (channel C0GENERAL)",
            "members[1] should be a string, not 42",
        ),
        ("channels.json item 1", "id is missing"),
        ("channels.json item 2 (channel C0RANDOM1)", "created should be a number, not 'yesterday'"),
        (
            "general/2016-01-28.json item 1",
            "ts should be a Slack timestamp (seconds.sequence), not 1453994401.000006",
        ),
        ("general/2016-01-28.json item 2", "ts is missing"),
        (
            "general/2016-01-28.json message 1453994402.000007",
            "user should be a Slack id, not 'u-1 2'",
        ),
        (
            "general/2016-01-28.json message 1453994403.000008",
            "thread_ts should be a Slack timestamp (seconds.sequence), not 'soon'",
        ),
        (
            "general/2016-01-28.json message 1453994404.000009",
            "subtype should be a Slack message subtype, not 'a subtype with spaces'",
        ),
        ("general/2016-01-28.json item 6", "not an object but an array"),
        (
            "general/2016-01-28.json message 1453994405.000010",
            "reactions should be an array, not 'lots'",
        ),
        (
            "general/2016-01-29.json line 3 column 33",
            "not valid JSON: Unterminated string starting at",
        ),
        ("general/2016-01-30.json", "not a list of messages but an object"),
        (
            "unlisted/",
            "no conversation of channels.json, groups.json, mpims.json or dms.json has this name"
            " or id: its one file is not read",
        ),
    ]
    assert {p.path for p in found.problems} == {str(BROKEN)}
    # and the good user and message are read, though the channels' records were refused
    assert list(found.users) == ["U0GOOD001"]
    assert sorted(ts for _, ts in found.messages) == ["1453994400.000005"]


# Fields Slack always writes with one JSON type: any other is the item's problem, never
# silently read as "not said".
WRONG_TYPES = [
    ("reactions", "lots", "reactions should be an array, not 'lots'"),
    ("reactions", [3], "reactions[0] should be an object, not 3"),
    ("reactions", [{"name": "+1", "count": "2"}], "reactions[0].count should be a count, not '2'"),
    ("files", {"id": "F1"}, "files should be an array, not an object"),
    ("attachments", [1, None], "attachments[0] should be an object, not 1"),
    ("edited", "yes", "edited should be an object, not 'yes'"),
    ("reply_count", "2", "reply_count should be a count, not '2'"),
    ("replies", [{"user": "U0ANN0001"}], "replies[0].ts is missing"),
    ("text", 7, "text should be a string, not 7"),
    ("user_profile", "ann", "user_profile should be an object, not 'ann'"),
    ("team", 3, "team should be a Slack id, not 3"),
]


@pytest.mark.parametrize(("key", "value", "reason"), WRONG_TYPES)
def test_a_message_field_of_the_wrong_type_is_a_problem_of_that_message(
    tmp_path: Path, key: str, value: object, reason: str
) -> None:
    # given a message among good ones whose field holds a value of the wrong JSON type
    good = {"ts": "1453994400.000001", "user": "U0ANN0001", "text": "fine"}
    bad = {"ts": "1453994401.000002", "user": "U0GUEST01", "text": "x", key: value}
    folder = export_folder(tmp_path, json.dumps([good, bad]))

    # when it is read
    found = read(folder)

    # then it is one problem naming the field, and the good message is read
    assert problems_of(folder) == [("general/2016-01-28.json message 1453994401.000002", reason)]
    assert list(found.messages) == [("C0GENERAL", "1453994400.000001")]


@pytest.mark.parametrize(
    ("user", "reason"),
    [
        ({"profile": "ann"}, "profile should be an object, not 'ann'"),
        ({"deleted": "no"}, "deleted should be true or false, not 'no'"),
        ({"is_bot": 0}, "is_bot should be true or false, not 0"),
        ({"updated": "2017-08-07"}, "updated should be a number, not '2017-08-07'"),
        ({"real_name": ["Ann"]}, "real_name should be a string, not an array"),
    ],
)
def test_a_user_field_of_the_wrong_type_is_a_problem_of_that_user(
    tmp_path: Path, user: dict[str, object], reason: str
) -> None:
    folder = export_folder(tmp_path, "[]")
    users = [{"id": "U0ANN0001", "name": "ann"}, {"id": "U0BAD0002", "name": "bad", **user}]
    (folder / "users.json").write_text(json.dumps(users))

    assert problems_of(folder) == [("users.json item 1", reason)]
    assert list(read(folder).users) == ["U0ANN0001"]


@pytest.mark.parametrize(
    ("channel", "reason"),
    [
        ({"members": ["U0ANN0001", "ann"]}, "members[1] should be a Slack id, not 'ann'"),
        ({"members": "U0ANN0001"}, "members should be an array, not 'U0ANN0001'"),
        ({"is_archived": "false"}, "is_archived should be true or false, not 'false'"),
        ({"topic": "C++"}, "topic should be an object, not 'C++'"),
        ({"purpose": {"value": 1}}, "purpose.value should be a string, not 1"),
        ({"created": 1e300}, "created 1e+300 is out of range: no date is that far off"),
    ],
)
def test_a_channel_field_of_the_wrong_type_is_a_problem_of_that_channel(
    tmp_path: Path, channel: dict[str, object], reason: str
) -> None:
    folder = export_folder(tmp_path, "[]")
    channels = [{"id": "C0GENERAL", "name": "general"}, {"id": "C0BAD0002", **channel}]
    (folder / "channels.json").write_text(json.dumps(channels))

    assert problems_of(folder) == [("channels.json item 1 (channel C0BAD0002)", reason)]
    assert list(read(folder).channels) == ["C0GENERAL"]


def test_what_real_exports_leave_out_or_write_as_0_reads_as_not_said(tmp_path: Path) -> None:
    # given a user without a profile, Slackbot "updated" 0 and a channel "created" 0, and a DM
    # without topic or purpose
    folder = export_folder(tmp_path, "[]")
    users = [{"id": "U0ANN0001", "name": "ann"}, {"id": "USLACKBOT", "updated": 0}]
    (folder / "users.json").write_text(json.dumps(users))
    channel = {"id": "C0GENERAL", "name": "general", "created": 0, "topic": None}
    (folder / "channels.json").write_text(json.dumps([channel]))

    found = read(folder)

    assert found.problems == []
    assert found.users["U0ANN0001"].display_name == found.users["USLACKBOT"].real_name == ""
    assert found.users["USLACKBOT"].updated_at is None
    general = found.channels["C0GENERAL"]
    assert (general.created_at, general.topic, general.purpose) == (None, "", "")


def test_a_day_file_that_is_no_json_is_told_by_line_and_column(tmp_path: Path) -> None:
    folder = export_folder(tmp_path, '[{"ts": "1.2", "user": "U0ANN0001"}\n{"ts"')

    assert problems_of(folder) == [
        ("general/2016-01-28.json line 2 column 1", "not valid JSON: Expecting ',' delimiter")
    ]


def test_a_truncated_member_of_a_zip_keeps_the_messages_before_the_cut(tmp_path: Path) -> None:
    # given a zipped day file cut off in its third message
    day = [{"ts": f"145399440{n}.000001", "user": "U0ANN0001", "text": "x"} for n in range(3)]
    text = json.dumps(day)
    folder = export_folder(tmp_path, text[: text.rindex("{") + 10])
    archive = zipped(folder, tmp_path / "export.zip")

    # when it is read
    found = read(archive)

    # then the messages before the cut are read, and the cut is told by byte offset
    assert sorted(ts for _, ts in found.messages) == ["1453994400.000001", "1453994401.000001"]
    [problem] = found.problems
    assert problem.path == str(archive)
    assert problem.position.startswith("general/2016-01-28.json byte ")
    assert problem.reason == "not valid JSON: the file ends before the JSON does"


def test_a_day_file_in_utf16_is_one_problem_naming_its_encoding(tmp_path: Path) -> None:
    folder = export_folder(tmp_path, '[{"ts": "1.2"}]'.encode("utf-16"))

    assert problems_of(folder) == [
        (
            "general/2016-01-28.json byte 0",
            "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)",
        )
    ]


def test_nul_characters_and_lone_surrogates_in_text_are_cleaned(tmp_path: Path) -> None:
    folder = export_folder(
        tmp_path, '[{"ts": "1453994400.000001", "user": "U0ANN0001", "text": "a\\u0000b\\ud800c"}]'
    )

    [message] = read(folder).messages.values()

    assert message.text == "ab\ufffdc"


def test_a_zip_member_escaping_its_folder_refuses_the_whole_export(tmp_path: Path) -> None:
    # given an archive with a member named ../../users.json
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("channels.json", "[]")
        made.writestr("../../users.json", "[]")

    # then nothing is read and the one problem says why
    assert list(read_slack_export(archive)) == [
        SourceProblem(
            str(archive), "", "refused: member '../../users.json' would land outside its folder"
        )
    ]


def test_a_corrupt_member_of_a_zip_is_a_problem_of_that_member_only(tmp_path: Path) -> None:
    # given a day file whose data expands past the size the archive declares for it
    folder = export_folder(tmp_path, json.dumps([{"ts": "1.2", "user": "U0ANN0001"}] * 50))
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as made:
        for name in ("users.json", "channels.json", "general/2016-01-28.json"):
            made.write(folder / name, name)
        made.filelist[2].file_size = 40

    found = read(archive)

    assert list(found.users) == ["U0ANN0001"]
    assert [(p.position, p.reason) for p in found.problems] == [
        (
            "general/2016-01-28.json",
            "corrupt: its data does not match its declared size and CRC",
        )
    ]


def test_a_file_that_is_neither_a_zip_nor_a_folder_is_not_an_export(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_text("<html>Slack is down</html>")

    assert list(read_slack_export(path)) == [
        SourceProblem(
            str(path),
            "",
            "not a Slack export: not a zip archive (File is not a zip file), nor a folder",
        )
    ]


def test_a_folder_or_a_zip_without_users_or_an_index_is_not_an_export(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "general").mkdir()
    (folder / "general" / "2016-01-28.json").write_text("[]")
    archive = zipped(folder, tmp_path / "photos.zip")
    reason = "not a Slack export: no users.json, channels.json, groups.json, mpims.json or dms.json"

    assert list(read_slack_export(folder)) == [SourceProblem(str(folder), "", reason)]
    assert list(read_slack_export(archive)) == [SourceProblem(str(archive), "", reason)]


def test_a_path_that_is_missing_or_a_fifo_is_one_problem(tmp_path: Path) -> None:
    fifo = tmp_path / "export.zip"
    os.mkfifo(fifo)
    missing = tmp_path / "nothing.zip"

    assert list(read_slack_export(missing)) == [
        SourceProblem(str(missing), "", "no such file or folder")
    ]
    assert list(read_slack_export(fifo)) == [
        SourceProblem(str(fifo), "", "not a regular file but a FIFO (named pipe)")
    ]


def test_a_broken_link_in_an_export_folder_is_a_problem_named_by_member(tmp_path: Path) -> None:
    folder = export_folder(tmp_path, "[]")
    (folder / "general" / "2016-01-29.json").symlink_to(tmp_path / "gone.json")

    assert problems_of(folder) == [("general/2016-01-29.json", "a broken symbolic link")]
