"""``trackerhub collect slack-export``: end to end through the console script, on SQLite."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "slack"
SAMPLE = REPO / "adapters" / "django_orm" / "slack" / "samples" / "cpplang-export"
SCRIPT = Path(sys.executable).with_name("trackerhub")
RECORD_TYPES = {
    "slack.channel",
    "slack.membership_change",
    "slack.message",
    "slack.team",
    "slack.user",
}


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'slack.sqlite3'}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [SCRIPT, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


def collect(env: dict[str, str], *paths: str | Path) -> tuple[int, dict[str, object]]:
    done = run(env, "collect", "slack-export", *paths, "--json")
    return done.returncode, json.loads(done.stdout)


def counts(report: dict[str, object], outcome: str) -> dict[str, int]:
    records = report["records"]
    assert isinstance(records, dict)
    return {name: int(c[outcome]) for name, c in records.items()}


def zipped(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as made:
        for path in sorted(folder.rglob("*.json")):
            made.write(path, path.relative_to(folder).as_posix())
    return archive


@pytest.mark.parametrize("export", [SAMPLE, FIXTURES / "export"], ids=["sample", "fixture"])
def test_a_first_collect_adds_a_second_has_read_it_and_full_finds_it_unchanged(
    database: dict[str, str], export: Path
) -> None:
    # when an export is collected, collected again, then read again in full
    first_status, first = collect(database, export)
    second_status, second = collect(database, export)
    full_status, full = collect(database, export, "--full")

    # then the first adds every record type, the second reads nothing, the full finds
    # everything unchanged
    assert first_status == second_status == full_status == 0
    added = counts(first, "added")
    assert all(added[name] for name in RECORD_TYPES)
    assert (second["records"], second["already_read"], second["files_read"]) == (
        {},
        [str(export)],
        0,
    )
    assert not any(counts(full, "added").values())
    assert not any(counts(full, "updated").values())
    assert full["errors"] == first["errors"]


def test_a_zip_export_and_its_folder_are_the_same_records(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given the sample collected from its folder
    collect(database, SAMPLE)

    # when its zip is collected, twice
    archive = zipped(SAMPLE, tmp_path / "cpplang Slack export Jan 28 2016 - Jan 29 2016.zip")
    status, report = collect(database, archive)
    _, again = collect(database, archive)

    # then it adds nothing new, and the second time it is already read
    assert status == 0
    assert not any(counts(report, "added").values())
    assert not any(counts(report, "updated").values())
    assert again["already_read"] == [str(archive)]


def test_stats_count_the_record_types_and_the_slack_profiles(database: dict[str, str]) -> None:
    collect(database, SAMPLE)

    stats = json.loads(run(database, "stats", "--json").stdout)

    assert {name: n for name, n in stats["records"].items() if name.startswith("slack.")} == {
        "slack.channel": 3,
        "slack.membership_change": 2,
        "slack.message": 9,
        "slack.team": 1,
        "slack.user": 4,
    }
    # four users and the integration that posts as a bot
    assert stats["profiles"]["slack"] == 5


def test_bad_input_gives_errors_with_file_position_and_reason(database: dict[str, str]) -> None:
    status, report = collect(database, FIXTURES / "broken")

    errors = report["errors"]
    assert isinstance(errors, list) and len(errors) == 19
    for error in errors:
        assert set(error) == {"file", "position", "reason"}
        assert error["file"] == str(FIXTURES / "broken")
        assert error["position"] and error["reason"]
    assert {
        "file": str(FIXTURES / "broken"),
        "position": "general/2016-01-28.json message 1453994402.000007",
        "reason": "user should be a Slack id, not 'u-1 2'",
    } in errors
    # what could be read was stored, so the status is 0
    assert status == 0
    assert counts(report, "added")["slack.message"] == 1
    assert counts(report, "skipped")["slack.item"] == 19


def test_nothing_readable_exits_1_with_one_line_per_path(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given a path that is missing, a file that is no zip, and an unsafe zip
    not_a_zip = tmp_path / "export.zip"
    not_a_zip.write_text("<html>503</html>")
    unsafe = tmp_path / "unsafe.zip"
    with zipfile.ZipFile(unsafe, "w") as made:
        made.writestr("users.json", "[]")
        made.writestr("../../../etc/cron.d/x.json", "[]")

    done = run(database, "collect", "slack-export", tmp_path / "missing.zip", not_a_zip, unsafe)

    assert done.returncode == 1
    assert done.stdout.splitlines()[-3:] == [
        f"error: {tmp_path / 'missing.zip'}: no such file or folder",
        f"error: {not_a_zip}: not a Slack export: not a zip archive (File is not a zip file),"
        " nor a folder",
        f"error: {unsafe}: refused: member '../../../etc/cron.d/x.json' would land outside its"
        " folder",
    ]
    assert not (tmp_path / "etc").exists()


def test_a_changed_export_folder_is_read_again(database: dict[str, str], tmp_path: Path) -> None:
    # given a copy of the sample, collected once
    export = tmp_path / "export"
    subprocess.run(["cp", "-r", SAMPLE, export], check=True)
    collect(database, export)

    # when a day file is added to it
    (export / "general" / "2016-01-30.json").write_text(
        json.dumps([{"type": "message", "user": "U024BE7LH", "text": "new", "ts": "1454150000.1"}])
    )
    status, report = collect(database, export)

    # then it is read again: the new message added, the channels dated by the new last day
    assert status == 0
    assert counts(report, "added")["slack.message"] == 1
    assert counts(report, "updated")["slack.channel"] == 3


def test_an_archive_that_would_expand_like_a_bomb_is_refused_before_it_is_read(
    database: dict[str, str], tmp_path: Path
) -> None:
    # given a small archive whose directory declares a terabyte of users
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as made:
        made.writestr("users.json", "[]")
        made.writestr("channels.json", "[]")
        made.filelist[0].file_size = 2**40

    done = run(database, "collect", "slack-export", bomb)

    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == (
        f"error: {bomb}: refused: member 'users.json' expands 274,877,906,944 times, more than"
        " the 200 a document does: a zip bomb"
    )
