"""Saved responses of Reddit's JSON endpoints (``/r/cpp/new.json``, ``/comments/1abcde.json``,
``/user/someone/comments.json``, ``/api/morechildren``, ``/user/someone/about.json``), one file a
response, read one file at a time.

A file holds a listing, ``{"kind": "Listing", "data": {"children": [...], "after": ...}}``, whose
children are things: ``t3`` submissions, ``t1`` comments, ``more`` stubs; or a submission's
comment page, an array of two listings (the submission, then its comment tree); or a
``more``-children response (``{"json": {"data": {"things": [...]}}}``); or one thing (a ``t2``
user's ``about``). Comments nest under ``replies``, a listing, or ``""`` when there are none;
the tree is walked with a stack of its own, never by recursion, so no depth is too deep. A
``more`` stub names comments the page did not load: nothing to read, and no problem.

Problems never stop the stream: a file that is no Reddit JSON yields one SourceProblem, a thing
that cannot be read yields one for that thing (``item 3``, ``listing 1 item 3``, ``reply 2 to
t1_kx9f2qz``: the children's indexes from 0, as ``jq`` counts), and reading goes on, into the
replies of a comment that could not be read too.

Reddit has no ``updated_at``, and the time a listing was fetched is not in it: a file's
modification time, when it was saved, stands for it (``seen_at``). Small files are loaded whole
and big ones streamed, by the toolkit's ``json_items``: a big comment page one listing at a
time; a big single listing, whose children sit under ``data``, is built whole as it is parsed.
"""

import os
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import attrs

from core.protocols.ingest import SourceProblem
from core.sources.fields import FieldError, json_type, shown, unix_moment
from core.sources.files import path_text
from core.sources.json_files import json_items
from core.sources.text import clean_text
from trackers.reddit.records import CommentSeen, RedditSeen, Submission
from trackers.reddit.sources import things
from trackers.reddit.sources.things import Place
from trackers.reddit.sources.values import ThingData

_READ = {"t1": "comment", "t2": "user", "t3": "submission"}
_NOT_READ = {
    "t4": "a private message",
    "t5": "a subreddit",
    "t6": "an award",
    "Listing": "a listing inside a listing",
    "LabeledMulti": "a multireddit",
}
_KEYS_SHOWN = 12
_REASON_SHOWN = 200


@attrs.frozen
class _Whole:
    """The things of a file that is one object: a listing's children, a more-children
    response's things, or the one thing it is."""

    things: Sequence[object]


@attrs.frozen
class _Node:
    """A thing still to read, where the file has it, and where it sits in its tree."""

    thing: object
    position: str
    place: Place


def read_reddit_json(path: Path, since: str | None = None) -> Iterator[RedditSeen | SourceProblem]:
    """Every submission, comment and user in the saved response at ``path``, in the order the
    file has them (a comment before its replies). ``since`` is not used: a saved response is
    read whole."""
    reading = _Reading(path_text(path), _saved_at(path))
    for entry in json_items(path, list_keys=(), page=_parts):
        if isinstance(entry, SourceProblem):
            yield entry
            continue
        index, part = entry
        if isinstance(part, _Whole):
            yield from reading.walk(part.things, "item ", Place())
            continue
        yield from reading.listing(index, part)
        if reading.refused:
            return


def _saved_at(path: Path) -> datetime | None:
    """When the file was last written: when the response in it was saved, as far as anything
    can tell."""
    try:
        nanoseconds = os.stat(path).st_mtime_ns
    except OSError:
        return None  # json_items says why the file cannot be read
    # Whole seconds, then the microseconds as they are: no float rounds them.
    seconds, rest = divmod(nanoseconds, 1_000_000_000)
    moment = unix_moment(seconds)
    return None if moment is None else moment.replace(microsecond=rest // 1000)


def _parts(document: object) -> Sequence[object] | str:
    """A comment page's listings, or the things of a file that is one object; the reason the
    document is no Reddit JSON otherwise. A big file's array is streamed listing by listing
    without coming here, so both ways an array's items are its listings."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return f"not Reddit JSON: the top-level value is {json_type(document)}"
    for read in (_children, _more_children):
        found = read(document)
        if found is not None:
            return found if isinstance(found, str) else [_Whole(found)]
    if isinstance(document.get("kind"), str) and isinstance(document.get("data"), dict):
        return [_Whole([document])]
    return _error_response(document) or _unrecognised(document)


def _children(value: object) -> list[object] | str | None:
    """A listing's children; a reason for a broken listing; None for anything else."""
    if not isinstance(value, dict) or value.get("kind") != "Listing":
        return None
    data = value.get("data")
    children = data.get("children") if isinstance(data, dict) else None
    if not isinstance(children, list):
        return "a Listing without a children array"
    return children


def _more_children(document: dict[str, object]) -> list[object] | str | None:
    """The things of an ``/api/morechildren`` response; a reason for a refused one."""
    body = document.get("json")
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    if errors:
        return f"a Reddit error response, not comments: {_errors_text(errors)}"
    data = body.get("data")
    found = data.get("things") if isinstance(data, dict) else None
    if not isinstance(found, list):
        return "a more-children response without a things array"
    return found


def _errors_text(errors: object) -> str:
    """``[["RATELIMIT", "you are doing that too much", "ratelimit"]]`` as one line: each
    error's code and message (the third item names the form field it is about)."""
    entries = errors if isinstance(errors, list) else [errors]
    text = "; ".join(
        ": ".join(str(part) for part in entry[:2] if part)
        if isinstance(entry, list)
        else str(entry)
        for entry in entries
    )
    return clean_text(text)[:_REASON_SHOWN]


def _error_response(document: dict[str, object]) -> str:
    """``{"message": "Forbidden", "error": 403, "reason": "private"}``: a refused request saved
    as a response; "" for anything else."""
    code, message = document.get("error"), document.get("message")
    if isinstance(code, bool) or not isinstance(code, int) or not isinstance(message, str):
        return ""
    reason = document.get("reason")
    why = f" ({clean_text(reason)[:_REASON_SHOWN]})" if isinstance(reason, str) and reason else ""
    return (
        f"a Reddit error response, not a listing: {code} {clean_text(message)[:_REASON_SHOWN]}{why}"
    )


def _unrecognised(document: dict[str, object]) -> str:
    keys = sorted(clean_text(key) for key in document)
    listed = ", ".join(keys[:_KEYS_SHOWN]) + (", ..." if len(keys) > _KEYS_SHOWN else "")
    return f"not Reddit JSON: no listing or thing, keys {listed or '(none)'}"


class _Reading:
    """What one file's reading keeps as it goes: where the file is, when it was saved, and,
    for a comment page, the submission its comments are under."""

    def __init__(self, where: str, seen_at: datetime | None) -> None:
        self.where = where
        self.seen_at = seen_at
        self.page_submission = ""
        self.refused = False  # the file turned out to be no Reddit JSON

    def listing(self, index: int, part: object) -> Iterator[RedditSeen | SourceProblem]:
        """The ``index``-th listing of an array: the submission of a comment page first, then
        its comment tree."""
        children = _children(part)
        if isinstance(children, list):
            submission = self.page_submission
            place = Place(submission, submission, 0) if index and submission else Place()
            for item in self.walk(children, f"listing {index} item ", place):
                if index == 0 and not submission and isinstance(item, Submission):
                    submission = self.page_submission = item.fullname
                yield item
        elif isinstance(children, str):
            yield SourceProblem(self.where, f"listing {index}", children)
        elif index == 0:
            # The first item settles it: an array of anything else is not Reddit's.
            self.refused = True
            reason = f"not Reddit JSON: an array whose first item is {json_type(part)}"
            yield SourceProblem(self.where, "", f"{reason}, not a Listing")
        else:
            reason = f"not a Reddit Listing but {json_type(part)}"
            yield SourceProblem(self.where, f"listing {index}", reason)

    def walk(
        self, found: Sequence[object], prefix: str, place: Place
    ) -> Iterator[RedditSeen | SourceProblem]:
        """Each thing of ``found`` and the replies under it, depth first, in file order."""
        stack = [_Node(thing, f"{prefix}{index}", place) for index, thing in enumerate(found)]
        stack.reverse()
        while stack:
            yield from self._thing(stack.pop(), stack)

    def _thing(self, node: _Node, stack: list[_Node]) -> Iterator[RedditSeen | SourceProblem]:
        thing = node.thing
        if not isinstance(thing, dict):
            yield self._problem(node, f"not a Reddit thing but {json_type(thing)}")
            return
        kind, data = thing.get("kind"), thing.get("data")
        if kind == "more":
            return  # comments the page did not load: they are read where they are loaded
        if not isinstance(kind, str) or not isinstance(data, dict):
            yield self._problem(node, "not a Reddit thing: it needs a kind and a data object")
            return
        if kind not in _READ:
            what = f"a {kind} thing ({_NOT_READ[kind]})" if kind in _NOT_READ else None
            unknown = f"a thing of kind {shown(kind)}"
            yield self._problem(node, f"{what or unknown}, not a submission, comment or user")
            return
        fields = ThingData.of(data)
        comment: CommentSeen | None = None
        try:
            if kind == "t3":
                yield things.submission(fields, self.seen_at)
            elif kind == "t2":
                yield things.user(fields)
            else:
                comment = things.comment(fields, self.seen_at, node.place)
                yield comment
        except FieldError as error:
            yield self._problem(node, f"{_READ[kind]}: {error}")
        if kind == "t1":
            yield from self._replies(node, data.get("replies"), comment, stack)

    def _replies(
        self, node: _Node, replies: object, comment: CommentSeen | None, stack: list[_Node]
    ) -> Iterator[SourceProblem]:
        """Put the replies of the comment at ``node`` on the stack, the first on top."""
        if replies is None or replies == "":
            return  # Reddit's "" for no replies
        children = _children(replies)
        if not isinstance(children, list):
            wanted = f'replies should be a Listing or "", not {json_type(replies)}'
            yield self._problem(node, children or wanted)
            return
        if comment is not None:
            anchor, place = comment.fullname, node.place.under(comment)
        else:
            depth = node.place.depth
            anchor = node.position
            place = Place(node.place.submission, "", None if depth is None else depth + 1)
        stack.extend(
            _Node(children[index], f"reply {index} to {anchor}", place)
            for index in reversed(range(len(children)))
        )

    def _problem(self, node: _Node, reason: str) -> SourceProblem:
        return SourceProblem(self.where, node.position, reason)
