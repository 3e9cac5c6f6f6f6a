"""What tells an export read before from a changed one: a zip by its content, a folder by its
JSON files' names, sizes and times."""

import os
import shutil
from pathlib import Path

import pytest

from core.sources.files import file_fingerprint
from tests.unit.slack.reading import FIXTURES, zipped
from trackers.slack.sources.fingerprint import export_fingerprint


@pytest.fixture
def export(tmp_path: Path) -> Path:
    copy = tmp_path / "export"
    shutil.copytree(FIXTURES / "export", copy)
    return copy


def test_an_unchanged_folder_keeps_its_fingerprint(export: Path) -> None:
    assert export_fingerprint(export) == export_fingerprint(export)


def test_a_day_file_added_touched_or_removed_changes_the_fingerprint(export: Path) -> None:
    # given the fingerprint of the export as it is
    seen = {export_fingerprint(export)}
    day = export / "general" / "2016-01-30.json"

    # when a day file is added, then touched, then removed
    day.write_text("[]")
    seen.add(export_fingerprint(export))
    os.utime(day, ns=(1, 1))
    seen.add(export_fingerprint(export))
    day.unlink()
    (export / "users.json").write_text("[]")
    seen.add(export_fingerprint(export))

    # then each state had a fingerprint of its own
    assert len(seen) == 4


def test_files_deeper_than_an_export_and_not_json_are_not_part_of_it(export: Path) -> None:
    before = export_fingerprint(export)
    (export / "general" / "attachments").mkdir()
    (export / "general" / "attachments" / "x.json").write_text("[]")
    (export / "README.txt").write_text("hi")

    assert export_fingerprint(export) == before


def test_a_zip_is_fingerprinted_as_the_file_it_is(tmp_path: Path) -> None:
    archive = zipped(FIXTURES / "export", tmp_path / "export.zip")

    assert export_fingerprint(archive) == file_fingerprint(archive)


def test_a_path_that_cannot_be_read_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        export_fingerprint(tmp_path / "missing.zip")
