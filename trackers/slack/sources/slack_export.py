"""A Slack workspace export, a zip archive or the folder it unzips to, as records.

What is read, in this order, so that every message finds its author and its channel:
``users.json`` (members, and the teams they belong to), the conversation indexes
(``channels.json``, ``groups.json``, ``mpims.json``, ``dms.json``), any other top-level JSON
file as a saved Web API response (a ``team.info`` gives the team's name; an ``"ok": false``
response is reported), then each conversation's folder, one JSON file per day.

A public or private channel's folder is named after the channel, a group DM's after its
``mpdm-…`` name, a DM's after its id; each folder's files are keyed by the id the indexes give
it, so a channel renamed between two exports stays one channel. A folder no index names is
reported, not guessed at. A day file is a list of messages or a saved
``conversations.history`` page (``{"ok": true, "messages": [...], "has_more": ...}``).

Each problem's file is the export and its position the member and where in it
(``general/2016-01-28.json message 1453994356.000002``), so one bad file or message is one
problem and the rest is stored. The export as a whole is refused when it is neither a folder
nor a zip archive, is an unsafe archive (``core.sources.archives``), or holds no users.json
and no index.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from core.protocols.ingest import SourceProblem
from core.sources.archives import ArchiveError, NotAZip, open_zip
from core.sources.fields import FieldError, json_type
from core.sources.files import files_under, open_error, path_text
from core.sources.json_files import Page
from trackers.slack.records import SlackSeen, Team
from trackers.slack.sources.export import ROOT_FILES, Export, FolderExport, ZipExport
from trackers.slack.sources.listings import INDEX_FILES, channel_record, team_record, user_record
from trackers.slack.sources.messages import message_record
from trackers.slack.sources.people import Directory
from trackers.slack.sources.slack_fields import SlackFields

# Top-level files of an export that hold nothing this tracker stores.
NOT_READ = frozenset({"integration_logs.json", "canvases.json"})
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})\.json")
_NOT_AN_EXPORT = "not a Slack export"
_NO_INDEX = f"{_NOT_AN_EXPORT}: no users.json, channels.json, groups.json, mpims.json or dms.json"

type Found = SlackSeen | SourceProblem


def read_slack_export(path: Path, since: str | None = None) -> Iterator[Found]:
    """Every record of the export at ``path``, and a problem for each part that cannot be
    read. ``since`` is not used: an export is read whole, its records found unchanged."""
    del since
    where = path_text(path)
    if path.is_dir():
        if not any((path / name).exists() for name in ROOT_FILES):
            yield SourceProblem(where, "", _NO_INDEX)
            return
        folder = FolderExport(path)
        yield from folder.problems
        if all(problem.position for problem in folder.problems):
            yield from _read(folder)
        return
    # Missing, a broken link, a FIFO: the toolkit's words for what is not a regular file.
    unreadable = [found for found in files_under([path], ()) if isinstance(found, SourceProblem)]
    if unreadable:
        yield from unreadable
        return
    try:
        archive = open_zip(path)
    except OSError as error:
        yield SourceProblem(where, "", open_error(error))
        return
    except NotAZip as error:
        yield SourceProblem(where, "", f"{_NOT_AN_EXPORT}: {error.reason}, nor a folder")
        return
    except ArchiveError as error:
        yield SourceProblem(where, "", error.reason)
        return
    with archive:
        yield from _read(ZipExport(archive, where))


def _read(export: Export) -> Iterator[Found]:
    top = [name for name in export.names if "/" not in name]
    if not any(name in ROOT_FILES for name in top):
        yield SourceProblem(export.where, "", _NO_INDEX)
        return
    reading = _Reading(export)
    if "users.json" in top:
        yield from reading.users("users.json")
    for name in top:
        if name not in ROOT_FILES and name not in NOT_READ:
            yield from reading.api_response(name)
    for name, kind in INDEX_FILES.items():
        if name in top:
            yield from reading.conversations(name, kind)
    yield from reading.folders()


class _Reading:
    """One export being read: the users and channels met so far."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.people = Directory()
        self.channels: dict[str, str] = {}  # folder name (a channel's name or id) -> id
        self.teams: set[str] = set()
        days = [_day(name) for name in export.names if name.count("/") == 1]
        self.as_of = max((day for day in days if day is not None), default=None)

    def problem(self, position: str, reason: str) -> SourceProblem:
        return SourceProblem(self.export.where, position, reason)

    def team(self, team_id: str | None) -> Iterator[Team]:
        """A team the first time its id is met."""
        if team_id and team_id not in self.teams:
            self.teams.add(team_id)
            yield Team(team_id)

    def objects(
        self, name: str, list_keys: Sequence[str], page: Page
    ) -> Iterator[tuple[str, SlackFields] | SourceProblem]:
        """Each object of file ``name`` with its position; a problem for any other item."""
        for entry in self.export.items(name, list_keys, page):
            if isinstance(entry, SourceProblem):
                yield entry
                continue
            index, item = entry
            if isinstance(item, dict):
                yield f"{name} item {index}", SlackFields(item)
            else:
                yield self.problem(f"{name} item {index}", f"not an object but {json_type(item)}")

    def built(
        self,
        name: str,
        list_keys: Sequence[str],
        page: Page,
        build: Callable[[SlackFields], Iterable[Found]],
        locate: Callable[[str, SlackFields], str] | None = None,
    ) -> Iterator[Found]:
        """What ``build`` makes of each object of file ``name``, or a problem where a value
        cannot be read. ``locate`` names an object's position better than its index does; when
        it cannot, the index stays. ``build`` returns everything at once, so that an object
        refused yields nothing of itself."""
        for entry in self.objects(name, list_keys, page):
            if isinstance(entry, SourceProblem):
                yield entry
                continue
            position, fields = entry
            try:
                if locate is not None:
                    position = locate(position, fields)
                found = list(build(fields))
            except FieldError as error:
                yield self.problem(position, str(error))
                continue
            yield from found

    def users(self, name: str) -> Iterator[Found]:
        yield from self.built(name, ("members",), _PageOf("members", "a list of users"), self.user)

    def user(self, fields: SlackFields) -> Iterator[Found]:
        record = user_record(fields)
        assert record.account is not None
        self.people.add(record.account)
        yield from self.team(record.team_id)
        yield record

    def conversations(self, name: str, kind: str) -> Iterator[Found]:
        def build(channel: SlackFields) -> Iterator[Found]:
            # Known before its record is built: a record refused for a bad value still names
            # its folder.
            for folder in (channel.slack_id("id"), channel.text("name").strip()):
                if folder:
                    self.channels.setdefault(folder, channel.slack_id("id"))
            yield channel_record(channel, kind, self.people, self.as_of)

        page = _PageOf("channels", "a list of channels")
        yield from self.built(name, ("channels",), page, build, _channel_position)

    def api_response(self, name: str) -> Iterator[Found]:
        yield from self.built(name, (), _api_response, lambda response: [team_record(response)])

    def folders(self) -> Iterator[Found]:
        by_folder: dict[str, list[str]] = {}
        for name in self.export.names:
            folder, _, file = name.partition("/")
            if file and "/" not in file:
                by_folder.setdefault(folder, []).append(name)
        for folder, names in by_folder.items():
            channel_id = self.channels.get(folder)
            if channel_id is None:
                yield self.problem(
                    f"{folder}/",
                    "no conversation of channels.json, groups.json, mpims.json or dms.json has"
                    f" this name or id: {_files(len(names))} not read",
                )
                continue
            for name in names:
                yield from self.day(name, channel_id)

    def day(self, name: str, channel_id: str) -> Iterator[Found]:
        def build(message: SlackFields) -> Iterator[Found]:
            record = message_record(channel_id, message, self.people)
            yield from self.team(message.optional_id("team"))
            yield record

        def locate(position: str, message: SlackFields) -> str:
            key = message.raw("ts")
            return f"{name} message {key.strip()[:40]}" if isinstance(key, str) else position

        page = _PageOf("messages", "a list of messages")
        yield from self.built(name, ("messages",), page, build, locate)


def _channel_position(position: str, channel: SlackFields) -> str:
    return f"{position} (channel {channel.slack_id('id')})"


class _PageOf:
    """A file that is a list, or a saved Web API page holding the list under ``key``."""

    def __init__(self, key: str, what: str) -> None:
        self.key = key
        self.what = what

    def __call__(self, document: object) -> Sequence[object] | str:
        if isinstance(document, list):
            return document
        if isinstance(document, dict):
            error = _api_error(document)
            if error:
                return error
            items = document.get(self.key)
            if isinstance(items, list):
                return items
        return f"not {self.what} but {json_type(document)}"


def _api_response(document: object) -> Sequence[object] | str:
    """A top-level file that is no file of an export: a saved ``team.info`` is read."""
    if isinstance(document, dict):
        error = _api_error(document)
        if error:
            return error
        if isinstance(document.get("team"), dict):
            return [document]
    return "not a file of a Slack export, nor a saved team.info response: not read"


def _api_error(document: Mapping[str, object]) -> str:
    """Why a saved Web API response holds nothing (``{"ok": false, "error": ...}``), or ""."""
    if document.get("ok") is not False:
        return ""
    try:
        error = SlackFields(document).text("error").strip() or "no error named"
    except FieldError as wrong:
        error = str(wrong)
    return f"a Slack Web API error response, not data: {error[:200]}"


def _files(n: int) -> str:
    return "its one file is" if n == 1 else f"its {n} files are"


def _day(name: str) -> datetime | None:
    """The day a conversation's file is named after, ``general/2016-01-28.json``."""
    match = _DAY.fullmatch(PurePosixPath(name).name)
    if match is None:
        return None
    year, month, day = map(int, match.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
