"""What a tracker declares, and the kit reads: its record types, its sources, its merge rules.

A record class is declared once, as a frozen attrs class generic over how it holds people: a
source yields it with claims (``Issue[GitHubAccountClaim]``), the store keeps it with typed
refs (``Issue[GitHubAccountRef]``). Its person fields are marked with ``person()`` (one person
or None) or ``people()`` (a tuple of them); the ingest engine resolves their claims in bulk and
the Django adapter stores them as soft references.

A value a source did not give is None. A field whose default is not None (a tuple of labels,
say) reads None as "the source did not say": it is stored as its default and never overwrites
what is known. An empty tuple is a real value: "none".
"""

from collections.abc import Callable, Iterable
from operator import attrgetter
from pathlib import Path
from typing import Any

import attrs

from core.protocols.refs import ProfileKind

PERSON = "trackerhub.person"  # attrs metadata key: True for a tuple of people, False for one


def person() -> Any:
    """A field holding one person: a claim as read, a typed ref as stored, or None."""
    return attrs.field(default=None, metadata={PERSON: False})


def people() -> Any:
    """A field holding several people, in order: claims as read, typed refs as stored. A
    person the hub says is nobody (``ghost``) is left out, and each one is kept once."""
    return attrs.field(default=(), metadata={PERSON: True})


# -- merge rules: how a record seen again updates the stored one ---------------------------


@attrs.frozen
class NewerWins:
    """A sighting strictly newer than the stored record, by its ``at`` field, replaces every
    value it knows; any other sighting (as old, older, or either without a date) only fills in
    what was unknown. ``prefer`` ranks kinds of people: a person of an earlier kind replaces
    one of a later kind, never the reverse, whatever the dates."""

    at: str = "updated_at"
    prefer: tuple[ProfileKind, ...] = ()


@attrs.frozen
class FillGaps:
    """The stored values stay; a sighting fills in only what was unknown (None, "", or an
    empty tuple). ``prefer`` as for NewerWins."""

    prefer: tuple[ProfileKind, ...] = ()


@attrs.frozen
class FirstWriteWins:
    """A stored record never changes: what was written first stays."""


type MergeRule = NewerWins | FillGaps | FirstWriteWins


@attrs.frozen
class Disappears:
    """Records of the type can vanish from their source (an include removed from a file), and
    are then kept, marked with when they were found gone: nothing is deleted.

    A reader that has yielded every record present in one ``scope`` (the values of these
    fields: one project's usages) says so with a ``SeenAll``; each stored record of that scope
    it did not yield, and not already gone, gets the ``SeenAll``'s moment in its ``at`` field.
    A record yielded again is present: its ``at`` is cleared, whatever its merge rule.
    """

    scope: tuple[str, ...]
    at: str = "gone_at"


@attrs.frozen
class Redact:
    """What a record keeps when a person it names is erased on request. Every tracker drops
    the erased person from its person fields (a field becomes None, a tuple loses them); a
    record type that also holds what the person wrote (a message's text) names those
    ``fields``, emptied (set to their default, or None) when the person erased is one of
    ``by`` (its author): the record keeps its place in threads and counts, not their words.
    A later collect of the same source stores the record already so."""

    fields: tuple[str, ...]
    by: tuple[str, ...]


# -- record types ----------------------------------------------------------------------------


def _redactable(
    record_type: "RecordType[Any, Any]",
    attribute: "attrs.Attribute[Redact | None]",
    redact: "Redact | None",
) -> None:
    """A policy names fields of the record, and its ``by`` fields hold people."""
    del attribute
    if redact is None:
        return
    fields = attrs.fields_dict(record_type.record)
    unknown = [name for name in (*redact.fields, *redact.by) if name not in fields]
    if unknown:
        raise ValueError(f"{record_type.name}: Redact names no field {unknown}")
    if not_people := [name for name in redact.by if PERSON not in fields[name].metadata]:
        raise ValueError(f"{record_type.name}: Redact by {not_people}, which hold no people")


def _by_key(record_type: "RecordType[Any, Any]") -> str:
    """The record type's name and its key's values: ``"slack.message {r.channel_id} {r.ts}"``."""
    return " ".join([record_type.name, *(f"{{r.{field}}}" for field in record_type.key)])


def _key_getter(record_type: "RecordType[Any, Any]") -> Callable[[Any], Any]:
    return attrgetter(*record_type.key)


@attrs.frozen
class RecordType[R, K]:
    """One kind of record a tracker stores.

    ``name`` is ``"<tracker>.<record type>"``, as counts and ``stats`` show it; ``record`` the
    record class; ``key`` the fields of its natural key, in order (one field: the key is its
    value; several: the tuple of their values); ``describe`` a format string naming one record
    in a problem's position, given the record as ``r``: ``"github.issue {r.repository}#{r.number}"``
    names ``github.issue boostorg/json#7``; by default, the name and the key's values.
    """

    name: str
    record: type[R]
    key: tuple[str, ...]
    merge: MergeRule
    describe: str = attrs.field(default=attrs.Factory(_by_key, takes_self=True))
    disappears: Disappears | None = None
    erased: Redact | None = attrs.field(default=None, validator=_redactable)
    key_of: Callable[[R], K] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_key_getter, takes_self=True)
    )

    @property
    def label(self) -> str:
        """The record type's name within its tracker: ``"issue"``."""
        return self.name.partition(".")[2]


@attrs.frozen
class ProfilesOnly:
    """Items that name people and store nothing of their own (a ``/users/{login}`` response):
    their people are resolved, their record is not kept."""

    item: type
    describe: str


# -- sources ---------------------------------------------------------------------------------

# A reader: the path, and the fingerprint of what an earlier collect read there (None: read
# everything), to items, records of the tracker's classes and SourceProblems, as a stream.
type Read = Callable[[Path, str | None], Iterable[object]]
# What tells a path read before from a changed one; raises OSError when it cannot be read.
type Fingerprint = Callable[[Path], str]


@attrs.frozen
class Source:
    """One input format: ``trackerhub collect <name> PATH...``.

    With ``suffixes``, a path may be a file or a folder, and every file under a folder whose
    name ends with one of them is read; without, each path is given to the reader as it is
    (a git repository). ``fingerprint`` says whether a path changed since it was last read;
    None means a file's size, modification time and content hash.
    """

    name: str
    help: str
    read: Read
    suffixes: tuple[str, ...] | None = None
    fingerprint: Fingerprint | None = None


def _prefixed(
    tracker: "Tracker",
    attribute: "attrs.Attribute[tuple[RecordType[Any, Any], ...]]",
    record_types: tuple["RecordType[Any, Any]", ...],
) -> None:
    """Counts and ``stats`` name a record type ``<tracker>.<record type>``."""
    del attribute
    for record_type in record_types:
        if not record_type.name.startswith(f"{tracker.name}."):
            raise ValueError(f"record type {record_type.name!r} is not named {tracker.name}.*")


@attrs.frozen
class Tracker:
    """A tracker: its record types, the items that only name people, its sources, and the
    record type under which an item its readers could not read is counted as skipped."""

    name: str
    record_types: tuple[RecordType[Any, Any], ...] = attrs.field(validator=_prefixed)
    unreadable: str
    sources: tuple[Source, ...] = ()
    profiles_only: tuple[ProfilesOnly, ...] = ()
