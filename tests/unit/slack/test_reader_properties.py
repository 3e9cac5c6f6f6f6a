"""The export reader on generated day files: whatever they hold, it never raises, and each
item of a day file is one record or one problem."""

import tempfile
from pathlib import Path

from hypothesis import given, settings

from core.protocols.ingest import SourceProblem
from tests.unit.slack.strategies import day_items, exports, write_export
from trackers.slack.records import MembershipChange, Message, Team
from trackers.slack.sources.slack_export import read_slack_export


@settings(max_examples=60, deadline=None)
@given(exports)
def test_each_item_of_a_day_file_is_one_record_or_one_problem(days: list[list[object]]) -> None:
    # given an export whose day files hold generated items
    with tempfile.TemporaryDirectory() as scratch:
        folder = write_export(Path(scratch) / "export", days)

        # when it is read
        found = list(read_slack_export(folder))

    # then each item came out once, as a record or as a problem at its file and position
    records = [r for r in found if isinstance(r, Message | MembershipChange)]
    problems = [p for p in found if isinstance(p, SourceProblem)]
    assert len(records) + len(problems) == sum(map(len, days))
    for problem in problems:
        assert problem.path == str(folder)
        assert problem.position.startswith("general/2016-01-")
        assert problem.reason and "\n" not in problem.reason
    # and a team is yielded once, by a real id
    teams = [r.team_id for r in found if isinstance(r, Team)]
    assert len(teams) == len(set(teams)) and "not a team" not in teams


@settings(max_examples=40, deadline=None)
@given(day_items)
def test_text_that_reaches_a_record_holds_no_nul_and_no_lone_surrogate(items: list[object]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = write_export(Path(scratch) / "export", [items])
        found = list(read_slack_export(folder))

    for record in found:
        if isinstance(record, Message):
            listed = (*(record.files or ()), *(record.attachments or ()), *record.reactions)
            for value in (record.text, *listed):
                assert "\x00" not in value
                assert not any("\ud800" <= c <= "\udfff" for c in value)
