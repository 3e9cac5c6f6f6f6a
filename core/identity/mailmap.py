"""git's ``.mailmap`` read and written as git reads it (gitmailmap(5), git's mailmap.c).

A line is one of::

    Proper Name <commit@email>
    <proper@email> <commit@email>
    Proper Name <proper@email> <commit@email>
    Proper Name <proper@email> Commit Name <commit@email>

(and ``<proper@email> Commit Name <commit@email>``, which keeps the commit's name). The rules
followed here are git's own, checked against ``git check-mailmap``:

- A line is a comment only when its first character is ``#``; after an entry, anything past
  the last ``>`` is ignored. An indented ``# Name <x>`` is an entry named ``# Name`` to git,
  and ``Name <a> # was <b>`` maps the commit name ``# was``: both are read as git reads them
  and reported.
- Both emails and names match case-insensitively, ASCII letters only (git's ``strcasecmp``;
  gitmailmap(5): "Both E-Mails and names are matched case-insensitively"). Names are trimmed of
  spaces, tabs, CR and LF; an email is taken literally between ``<`` and ``>``.
- An entry with a commit name matches only that name at that email; one without matches every
  other name at that email. There is no chaining: one look-up, one result.
- Later lines win: a complex entry replaces an earlier one for the same name and email; a simple
  entry replaces only the fields it gives (``Name <c>`` then ``<p> <c>`` give ``Name <p>``).

Files are split on LF only (as git's reader does); each line is decoded as UTF-8, else cp1252.
Pure: the standard library, attrs and core.protocols.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from string import ascii_uppercase

import attrs

from core.protocols.ingest import SourceProblem
from core.protocols.recommendations import Evidence, ProfilePair, Recommendation, Rule
from core.protocols.refs import ProfileRef

_ASCII_LOWER = str.maketrans(ascii_uppercase, ascii_uppercase.lower())
# git's own isspace (sane_ctype): space, tab, LF and CR; not VT, FF or Unicode spaces.
_GIT_SPACE = " \t\n\r"
_BOM = "\ufeff"

DEFAULT_HEADER = (
    "Written by trackerhub identities export-mailmap: each line maps a name and address\n"
    "a person committed under to the name and address they are known by. See gitmailmap(5)."
)


def git_fold(value: str) -> str:
    """The form git compares names and emails in: ASCII letters lower-cased, nothing else."""
    return value.translate(_ASCII_LOWER)


@attrs.frozen
class MailmapEntry:
    """One line's mapping, as git stores it. ``None`` is a part the line does not give: no
    ``proper_name`` keeps the commit's name, no ``proper_email`` its email, and no
    ``commit_name`` matches every name at ``commit_email``."""

    proper_name: str | None
    proper_email: str | None
    commit_name: str | None
    commit_email: str
    line: int

    @property
    def is_simple(self) -> bool:
        return self.commit_name is None


@attrs.frozen(order=True)
class CommitIdentity:
    """What a commit must carry for an entry to apply: ``email`` (case-insensitively) and,
    when ``name`` is not ``None``, that name; ``None`` is every name git has no complex entry
    for at that email."""

    name: str | None
    email: str


@attrs.frozen
class MailmapGroup:
    """The commit identities git shows as one person. ``name`` is ``None`` when the entries
    change only the email: each commit keeps its own name. ``lines`` are the entries that
    decide it."""

    name: str | None
    email: str
    members: tuple[CommitIdentity, ...]
    lines: tuple[int, ...]


def _pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((name, email) for name, email in pairs)


@attrs.frozen
class MailmapPerson:
    """A person to write: the (name, email) to show and the other pairs they committed under."""

    name: str
    email: str
    others: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    @property
    def canonical(self) -> tuple[str, str]:
        return (self.name, self.email)


# -- reading --------------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def _lines(text: str | bytes) -> Iterable[tuple[int, str, bool]]:
    """(number, text, whether it was not UTF-8) for each LF-ended line."""
    if isinstance(text, str):
        for number, line in enumerate(text.split("\n"), start=1):
            yield number, line, False
        return
    for number, raw in enumerate(text.split(b"\n"), start=1):
        line, fallback = _decode(raw)
        yield number, line, fallback


@attrs.frozen
class _Part:
    name: str | None
    email: str
    rest: str


def _parse_part(text: str, allow_empty_email: bool) -> _Part | str:
    """git's parse_name_and_email: the name before ``<``, the email up to ``>``, what follows;
    or why there is none."""
    left = text.find("<")
    if left < 0:
        return "no <email>"
    right = text.find(">", left + 1)
    if right < 0:
        return "'<' without a closing '>'"
    if right == left + 1 and not allow_empty_email:
        return "an empty <> email"
    name = text[:left].strip(_GIT_SPACE) or None
    return _Part(name, text[left + 1 : right], text[right + 1 :])


def _ignored_text(rest: str) -> str:
    """What git ignores after an entry that is not a comment, or ``""``."""
    rest = rest.strip(_GIT_SPACE)
    return "" if not rest or rest.startswith("#") else rest


def read_mailmap(
    text: str | bytes, path_name: str
) -> tuple[list[MailmapEntry], list[SourceProblem]]:
    """The entries of a mailmap file in file order and what is wrong with it.

    A problem is skipped (``skipped=True``) when git ignores the line; a line git reads
    otherwise than it looks (an indented ``#``, a ``#`` comment holding ``<...>``, text after
    the entry, spaces inside ``<>``, bytes not UTF-8) is kept as git reads it and reported with
    ``skipped=False``.
    """
    entries: list[MailmapEntry] = []
    problems: list[SourceProblem] = []

    def problem(number: int, reason: str, skipped: bool = True) -> None:
        problems.append(SourceProblem(path_name, f"line {number}", reason, skipped=skipped))

    for number, raw_line, fallback in _lines(text):
        line = raw_line
        if number == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
            problem(1, "starts with a byte order mark, which git reads as text", skipped=False)
        if fallback:
            problem(number, "not UTF-8: read as cp1252", skipped=False)
        if line.startswith("#"):
            continue
        stripped = line.strip(_GIT_SPACE)
        if not stripped:
            continue
        first = _parse_part(line, allow_empty_email=False)
        if isinstance(first, str):
            if not stripped.startswith("#"):
                problem(number, f"{first}: git ignores the line: {stripped[:60]!r}")
            continue
        if stripped.startswith("#"):
            problem(number, "an indented '#' is no comment to git: read as an entry", False)
        second = _parse_part(first.rest, allow_empty_email=True) if first.rest else None
        if isinstance(second, str):
            if second != "no <email>":
                problem(
                    number,
                    f"second address: {second}: git reads only the first, for every name",
                    skipped=False,
                )
            elif ignored := _ignored_text(first.rest):
                problem(number, f"git ignores the text after the entry: {ignored[:60]!r}", False)
            second = None
        if second is not None:
            if second.name is not None and second.name.startswith("#"):
                problem(
                    number,
                    f"'#' before an address is no comment to git: read as the commit name "
                    f"{second.name[:60]!r}",
                    skipped=False,
                )
            if ignored := _ignored_text(second.rest):
                problem(number, f"git ignores the text after the entry: {ignored[:60]!r}", False)
        emails = [first.email] if second is None else [first.email, second.email]
        if any(e != e.strip(_GIT_SPACE) for e in emails):
            problem(number, "spaces inside <>: git matches them as part of the email", False)
        if second is None:
            if first.name is None:
                problem(number, "an address alone changes nothing", skipped=False)
            entries.append(MailmapEntry(first.name, None, None, first.email, number))
        else:
            entries.append(MailmapEntry(first.name, first.email, second.name, second.email, number))
    return entries, problems


# -- looking up -----------------------------------------------------------------------------


@attrs.define
class _Mapping:
    name: str | None = None
    email: str | None = None
    name_line: int | None = None
    email_line: int | None = None


@attrs.define
class _Slot:
    """All git knows of one commit email (git's mailmap_entry)."""

    email: str
    simple: _Mapping = attrs.Factory(_Mapping)
    # folded commit name -> (commit name as first written, mapping)
    names: dict[str, tuple[str, _Mapping]] = attrs.Factory(dict)


class Mailmap:
    """Entries compiled for look-ups, as git's string lists hold them."""

    def __init__(self, entries: Iterable[MailmapEntry]) -> None:
        self._slots: dict[str, _Slot] = {}
        for entry in entries:
            slot = self._slots.setdefault(git_fold(entry.commit_email), _Slot(entry.commit_email))
            if entry.commit_name is None:
                if entry.proper_name is not None:
                    slot.simple.name, slot.simple.name_line = entry.proper_name, entry.line
                if entry.proper_email is not None:
                    slot.simple.email, slot.simple.email_line = entry.proper_email, entry.line
            else:
                key = git_fold(entry.commit_name)
                written = slot.names[key][0] if key in slot.names else entry.commit_name
                mapping = _Mapping(entry.proper_name, entry.proper_email, entry.line, entry.line)
                slot.names[key] = (written, mapping)

    def _mapping(self, name: str, email: str) -> _Mapping | None:
        slot = self._slots.get(git_fold(email))
        if slot is None:
            return None
        found = slot.names.get(git_fold(name))
        mapping = found[1] if found is not None else slot.simple
        return None if mapping.name is None and mapping.email is None else mapping

    def resolve(self, name: str, email: str) -> tuple[str, str]:
        """The (name, email) ``git check-mailmap "name <email>"`` prints."""
        mapping = self._mapping(name, email)
        if mapping is None:
            return (name, email)
        return (mapping.name or name, mapping.email or email)

    def deciding_lines(self, name: str, email: str) -> tuple[int, ...]:
        """The lines of the entries that decide what (name, email) resolves to, for evidence."""
        mapping = self._mapping(name, email)
        if mapping is None:
            return ()
        lines = {mapping.name_line, mapping.email_line}
        return tuple(sorted(line for line in lines if line is not None))

    def groups(self) -> list[MailmapGroup]:
        members: dict[tuple[str | None, str], list[CommitIdentity]] = defaultdict(list)
        lines: dict[tuple[str | None, str], set[int]] = defaultdict(set)
        for slot in self._slots.values():
            found: list[tuple[CommitIdentity, tuple[str | None, str], _Mapping]] = []
            simple = slot.simple
            if simple.name is not None or simple.email is not None:
                person = (simple.name, simple.email or slot.email)
                found.append((CommitIdentity(None, slot.email), person, simple))
            for commit_name, mapping in slot.names.values():
                if mapping.name is None and mapping.email is None:
                    continue
                person = (mapping.name or commit_name, mapping.email or slot.email)
                found.append((CommitIdentity(commit_name, slot.email), person, mapping))
            for member, person, mapping in found:
                members[person].append(member)
                lines[person].update(
                    line for line in (mapping.name_line, mapping.email_line) if line is not None
                )
        return [
            MailmapGroup(
                name,
                email,
                tuple(sorted(members[(name, email)], key=_identity_order)),
                tuple(sorted(lines[(name, email)])),
            )
            for name, email in sorted(members, key=_person_order)
        ]


def _identity_order(identity: CommitIdentity) -> tuple[str, str, str, str]:
    name = identity.name or ""
    return (git_fold(identity.email), identity.email, git_fold(name), name)


def _person_order(person: tuple[str | None, str]) -> tuple[str, str, str, str]:
    name = person[0] or ""
    return (name.casefold(), name, git_fold(person[1]), person[1])


def compile_mailmap(entries: Iterable[MailmapEntry]) -> Mailmap:
    return Mailmap(entries)


def resolve(entries: Iterable[MailmapEntry], name: str, email: str) -> tuple[str, str]:
    """What ``git check-mailmap "name <email>"`` prints for these entries. For many look-ups,
    compile once with ``compile_mailmap``."""
    return Mailmap(entries).resolve(name, email)


def mailmap_groups(entries: Iterable[MailmapEntry]) -> list[MailmapGroup]:
    """The commit identities that git shows as the same (name, email), one group per shown
    pair, sorted by name. A group's shown pair is itself a member only if an entry names it;
    commits that no entry matches are shown unchanged and belong to no group."""
    return Mailmap(entries).groups()


# -- writing --------------------------------------------------------------------------------


@attrs.frozen
class _Line:
    proper_name: str | None
    proper_email: str | None
    commit_name: str | None
    commit_email: str
    person: tuple[str, str]  # whom the line is for: what the lines are sorted by

    def text(self) -> str:
        parts = []
        if self.proper_name is not None:
            parts.append(self.proper_name)
        if self.proper_email is not None:
            parts.append(f"<{self.proper_email}>")
        if self.commit_name is not None:
            parts.append(self.commit_name)
        parts.append(f"<{self.commit_email}>")
        return " ".join(parts)

    def order(self) -> tuple[str, ...]:
        name, email = self.person
        return (
            name.casefold(),
            name,
            git_fold(email),
            email,
            git_fold(self.commit_email),
            git_fold(self.commit_name or ""),
            self.text(),
        )


type _Pair = tuple[str, str]


def _check_name(name: str, role: str) -> None:
    if name != name.strip(_GIT_SPACE):
        raise ValueError(f"{role} {name!r} has spaces at an end, which git trims")
    if any(c in name for c in "<>\n"):
        raise ValueError(f"{role} {name!r} holds '<', '>' or a line break")


def _check_email(email: str, role: str) -> None:
    if any(c in email for c in "<>\n"):
        raise ValueError(f"{role} {email!r} holds '<', '>' or a line break")


def _targets(people: Iterable[MailmapPerson]) -> dict[_Pair, _Pair]:
    """Every pair (the canonical ones included) with the pair it must show as."""
    target: dict[_Pair, _Pair] = {}
    by_key: dict[_Pair, tuple[_Pair, _Pair]] = {}
    for person in people:
        canonical = person.canonical
        _check_name(person.name, "name")
        _check_email(person.email, "email")
        if person.name.startswith("#"):
            raise ValueError(f"name {person.name!r} starts with '#', a comment to git")
        if not person.name or not person.email:
            raise ValueError(f"a person needs a name and an email: {canonical!r}")
        for pair in (canonical, *person.others):
            _check_name(pair[0], "other name")
            _check_email(pair[1], "other email")
            key = (git_fold(pair[0]), git_fold(pair[1]))
            if key in by_key and by_key[key][1] != canonical:
                raise ValueError(
                    f"{pair!r} belongs to {canonical!r} and, as git compares (case-"
                    f"insensitively), {by_key[key][0]!r} to {by_key[key][1]!r}"
                )
            by_key[key] = (pair, canonical)
            target[pair] = canonical
    return target


def _apply(simple: tuple[str | None, str | None] | None, pair: _Pair) -> _Pair:
    if simple is None:
        return pair
    return (simple[0] or pair[0], simple[1] or pair[1])


def _lines_for_email(items: list[tuple[_Pair, _Pair]]) -> list[_Line]:
    """The fewest lines (then the shortest) that show each pair at one folded email as its
    target: at most one simple entry for the email, and a complex one for each name the
    simple entry gets wrong."""
    commit_email = min(pair[1] for pair, _ in items)
    # (simple entry or none, whom it is for)
    candidates: list[tuple[tuple[str | None, str | None] | None, _Pair]] = [(None, ("", ""))]
    for person in sorted({t for _, t in items}):
        name, email = person
        if commit_email:  # "Name <>" is no entry to git: the first email must not be empty
            candidates.append(((name, None), person))
        candidates += [((None, email), person), ((name, email), person)]
    best: list[_Line] | None = None
    for simple, for_person in candidates:
        lines = []
        if simple is not None:
            lines.append(_Line(simple[0], simple[1], None, commit_email, for_person))
        wrong: dict[str, list[tuple[_Pair, _Pair]]] = defaultdict(list)
        for pair, target in items:
            if _apply(simple, pair) != target:
                wrong[git_fold(pair[0])].append((pair, target))
        writable = True
        for group in wrong.values():
            tn, te = group[0][1]
            commit_name = min(pair[0] for pair, _ in group)
            if not commit_name:
                writable = False  # git reads an empty commit name as a simple entry
                break
            keep_name = all(pair[0] == tn for pair, _ in group)
            email = min(pair[1] for pair, _ in group)
            lines.append(_Line(None if keep_name else tn, te, commit_name, email, (tn, te)))
        if not writable:
            continue
        if best is None or (len(lines), sum(len(x.text()) for x in lines)) < (
            len(best),
            sum(len(x.text()) for x in best),
        ):
            best = lines
    if best is None:
        raise ValueError(f"no mailmap lines can show these pairs as wanted: {items!r}")
    return best


def write_mailmap(people: Iterable[MailmapPerson], header: str | None = DEFAULT_HEADER) -> str:
    """A mailmap that makes git show every pair of every person as that person's canonical
    pair: no line where nothing changes, ``Name <email>`` where only the name does, and the
    four-part form only for a name the email's other lines would get wrong. Lines are sorted
    by the name shown, then the emails; the output depends only on the people, not their
    order. Raises ``ValueError`` when two people claim a pair git cannot tell apart, or a name
    or email git would read otherwise (spaces at an end, ``<``, ``>``, line breaks, a shown
    name starting with ``#``).
    """
    target = _targets(people)
    by_email: dict[str, list[tuple[_Pair, _Pair]]] = defaultdict(list)
    for pair, canonical in sorted(target.items()):
        by_email[git_fold(pair[1])].append((pair, canonical))
    lines = [line for items in by_email.values() for line in _lines_for_email(items)]
    text = [f"# {h}".rstrip() for h in header.splitlines()] if header else []
    if text:
        text.append("")
    text += [line.text() for line in sorted(lines, key=_Line.order)]
    return "\n".join(text) + "\n"


def mailmap_recommendations(
    profiles: Sequence[ProfileRef], *, file: str, lines: Iterable[int], shown_as: str
) -> list[Recommendation]:
    """That the profiles a mailmap shows as one person are one: the first with each other (a
    spanning set: accepting them all joins the group), each conclusive at score 1.0, the
    repository's own statement. The evidence's ``first`` is who git shows both as, its
    ``second`` the file and its deciding lines (``.mailmap:3,7``)."""
    where = f"{file}:{','.join(str(n) for n in sorted(set(lines)))}"
    evidence = (Evidence(Rule.MAILMAP, shown_as, where, 1.0, True),)
    distinct = list(dict.fromkeys(profiles))
    return [
        Recommendation(ProfilePair.of(distinct[0], other), 1.0, evidence, True)
        for other in distinct[1:]
    ]
