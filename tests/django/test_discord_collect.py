"""``trackerhub collect discord-export``: DiscordChatExporter exports end to end through the
console script, on SQLite: the bundled sample, the test fixtures and broken input."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "adapters" / "django_orm" / "discord" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "discord"
SCRIPT = Path(sys.executable).with_name("trackerhub")
RECORD_TYPES = {"discord.server", "discord.channel", "discord.message", "discord.reaction"}


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'discord.sqlite3'}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [SCRIPT, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def collect(env: dict[str, str], *args: str | Path) -> tuple[int, dict[str, object]]:
    done = run(env, "collect", "discord-export", *args, "--json")
    return done.returncode, json.loads(done.stdout)


def counts(report: dict[str, object]) -> dict[str, dict[str, int]]:
    records = report["records"]
    assert isinstance(records, dict)
    return records


def errors(report: dict[str, object]) -> list[dict[str, str]]:
    found = report["errors"]
    assert isinstance(found, list)
    return found


@pytest.mark.parametrize("path", [SAMPLES, FIXTURES / "exports"])
def test_a_first_collect_adds_and_a_full_one_finds_everything_unchanged(
    database: dict[str, str], path: Path
) -> None:
    # when the exports are collected, then read again in full
    first_status, first = collect(database, path)
    second_status, second = collect(database, path, "--full")

    # then the first run adds every record type and the second changes nothing
    assert first_status == second_status == 0
    assert errors(first) == errors(second) == []
    assert set(counts(first)) == RECORD_TYPES
    assert all(counts(first)[name]["added"] > 0 for name in RECORD_TYPES)
    for name, found in counts(second).items():
        assert found["added"] == found["updated"] == found["skipped"] == 0, name


def test_a_second_collect_says_what_it_already_read_and_adds_nothing(
    database: dict[str, str],
) -> None:
    # given the fixtures collected once
    _, first = collect(database, FIXTURES / "exports")

    # when they are collected again, unchanged
    status, second = collect(database, FIXTURES / "exports")

    # then no file is read again: each is reported as already read
    assert status == 0
    assert second["records"] == {}
    assert second["files_read"] == 0
    already_read = second["already_read"]
    assert isinstance(already_read, list) and len(already_read) == first["files_read"] == 11


def test_a_changed_export_is_read_again_and_only_its_changes_count(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given an export collected once, then saved again with one more reaction counted
    path = tmp_path / "reactions.json"
    shutil.copy(FIXTURES / "exports" / "reactions.json", path)
    collect(database, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["exportedAt"] = "2024-03-12T08:00:00+00:00"
    document["messages"][0]["reactions"][0]["count"] = 4
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    # when it is collected again
    status, report = collect(database, path)

    # then it is read, the message found unchanged and every reaction counted as of then
    assert status == 0
    assert counts(report)["discord.message"] == {
        "added": 0,
        "skipped": 0,
        "unchanged": 1,
        "updated": 0,
    }
    assert counts(report)["discord.reaction"]["updated"] == 4


def test_stats_count_the_record_types_and_the_discord_profiles(database: dict[str, str]) -> None:
    collect(database, FIXTURES / "exports")

    done = run(database, "stats", "--json")

    assert done.returncode == 0, done.stdout + done.stderr
    stats = json.loads(done.stdout)

    assert {name: stats["records"][name] for name in RECORD_TYPES} == {
        "discord.server": 1,
        "discord.channel": 10,
        "discord.message": 29,
        "discord.reaction": 9,
    }
    # ann, bob, takeshi, the CI bot, the newcomer and two deleted accounts; not the placeholder
    assert stats["profiles"]["discord"] == 7


def test_bad_input_is_reported_with_file_position_and_reason_and_the_rest_stored(
    database: dict[str, str],
) -> None:
    # when the broken fixtures are collected
    status, report = collect(database, FIXTURES / "broken")

    # then every problem names its file, where and why, and what could be read is stored
    assert status == 0  # some files could be read
    found = errors(report)
    assert len(found) == 19
    for error in found:
        assert set(error) == {"file", "position", "reason"}
        assert error["file"].startswith(str(FIXTURES / "broken"))
        assert error["reason"] and "\n" not in error["reason"]
    assert {
        "file": str(FIXTURES / "broken" / "bad_messages.json"),
        "position": "message 1213032982634431469 (item 4)",
        "reason": "timestamp is not an ISO 8601 date: 'yesterday at 10:15'",
    } in found
    # the first and last messages of bad_messages.json; bad_exported_at.json's is the first
    assert counts(report)["discord.message"]["added"] == 2


def test_nothing_readable_exits_1_with_one_line_per_error(database: dict[str, str]) -> None:
    done = run(
        database,
        "collect",
        "discord-export",
        FIXTURES / "broken" / "slack_export.json",
        FIXTURES / "broken" / "powershell_utf16.json",
        "/no/such/export.json",
    )

    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("error: ")]
    assert lines == [
        f"error: {FIXTURES / 'broken' / 'slack_export.json'}: not a JSON object but an array",
        f"error: {FIXTURES / 'broken' / 'powershell_utf16.json'}: byte 0: not UTF-8 text:"
        " UTF-16 (it starts with a UTF-16 byte order mark)",
        "error: /no/such/export.json: no such file or folder",
    ]


def test_an_id_no_64_bit_column_holds_is_a_problem_of_its_message_only(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given an export whose second message has an id beyond 64 bits
    document = json.loads((FIXTURES / "exports" / "timestamps.json").read_text(encoding="utf-8"))
    document["messages"][1]["id"] = "18446744073709551615"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    status, report = collect(database, path)

    assert status == 0
    [error] = errors(report)
    assert error["position"] == "discord.message 18446744073709551615"
    assert error["reason"].startswith("message_id 18446744073709551615 is out of range")
    assert counts(report)["discord.message"] == {
        "added": 6,
        "skipped": 1,
        "unchanged": 0,
        "updated": 0,
    }
