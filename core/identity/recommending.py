"""Which profiles may be one person, with the evidence for each proposal.

Precision first: a wrong merge costs more than a missed one. So every rule is narrow, values
that many people share (relay and placeholder addresses, machine names, bots) never count,
and only two findings are conclusive: an address that only one person uses, and a GitHub
noreply address next to the account it encodes. Everything else waits for a reviewer.

Cost: profiles meet only in blocks that share a key (an address, a GitHub id or login, a
username, a folded name), never all against all. A block larger than ``max_block`` is skipped
whole: a value that many profiles carry names a group, not a person, and its pairs would
swamp review. Evidence that only corroborates (initials) is looked for on the pairs the
blocks found, so it never widens the search.

Incremental runs look up, through a ``ProfileIndex``, the complete block of every key a
changed profile has, so they see exactly the pairs a full run would see for those profiles.
"""

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from enum import StrEnum
from itertools import combinations
from typing import Protocol

import attrs

from core.identity.keys import SHARED_GIT_ADDRESSES
from core.identity.normalize import clean, fold, is_address, raw_email
from core.protocols.recommendations import (
    Evidence,
    Exclusions,
    ProfilePair,
    Recommendation,
    Rule,
)
from core.protocols.records import ProfileRecord, ProfileSnapshot
from core.protocols.refs import ProfileKind, ProfileRef

DEFAULT_EXCLUSIONS = Exclusions(
    addresses=SHARED_GIT_ADDRESSES | {"action@github.com", "nobody@nowhere"},
    local_parts=frozenset(
        {
            "root",
            "noreply",
            "no-reply",
            "donotreply",
            "do-not-reply",
            "nobody",
            "mailer-daemon",
            "postmaster",
            "devnull",
        }
    ),
    hosts=frozenset(
        {
            "localhost",
            "localdomain",
            "(none)",
            "invalid",
            "example.com",
            "example.org",
            "example.net",
            # Lists that rewrite From to their own address (DMARC): the list, not the sender.
            "lists.boost.org",
            "lists.isocpp.org",
            "vger.kernel.org",
            "googlegroups.com",
        }
    ),
    role_local_parts=frozenset(
        {
            "admin",
            "boost",
            "contact",
            "dev",
            "devel",
            "developers",
            "git",
            "hello",
            "help",
            "info",
            "list",
            "mail",
            "office",
            "sales",
            "security",
            "support",
            "team",
            "webmaster",
        }
    ),
    names=frozenset(
        {
            "unknown",
            "root",
            "(no author)",
            "none",
            "anonymous",
            "nobody",
            "n/a",
            "unknown author",
            "your name",
            "github",
            "admin",
            "administrator",
        }
    ),
    name_markers=frozenset({" via "}),
    bot_usernames=frozenset(
        {
            "dependabot",
            "dependabot-preview",
            "renovate",
            "renovate-bot",
            "github-actions",
            "greenkeeperio-bot",
            "codecov-io",
            "travis-ci",
            "web-flow",
        }
    ),
    bot_markers=frozenset({"[bot]"}),
    account_types=frozenset({"bot", "organization", "enterprise"}),
)

DEFAULT_MAX_BLOCK = 20
# A username this long that no platform has given to two accounts is rarely a coincidence.
RARE_USERNAME_LENGTH = 8

# What each finding is worth; combined per pair as independent signals (noisy-or).
PERSONAL_EMAIL_SCORE = 0.9
SHARED_EMAIL_SCORE = 0.5
NOREPLY_SCORE = 0.95
USERNAME_AND_NAME_SCORE = 0.5
RARE_USERNAME_SCORE = 0.4
SAME_NAME_SCORE = 0.5
INITIALS_SCORE = 0.2

_USERNAME_KINDS = frozenset(
    {ProfileKind.GITHUB, ProfileKind.SLACK, ProfileKind.DISCORD, ProfileKind.REDDIT}
)
_RULE_ORDER = {rule: position for position, rule in enumerate(Rule)}
# The trackers' reading of noreply addresses (trackers/github/sources/git_identity.py).
_NOREPLY = re.compile(
    r"(?:(?P<id>[1-9][0-9]{0,18})\+)?(?P<login>[a-z0-9][a-z0-9_-]*(?:\[bot\])?)"
    r"@users\.noreply\.github\.com",
    re.ASCII,
)
_NOT_IN_A_WORD = re.compile("[^\\w'\u2019-]+")


class Block(StrEnum):
    EMAIL = "email"
    GITHUB_ID = "github_id"
    GITHUB_LOGIN = "github_login"
    USERNAME = "username"
    NAME = "name"


type BlockKey = tuple[Block, str]


class ProfileIndex(Protocol):
    """The profiles a run does not hold, found by blocking key; a store answers from columns
    or a key table it keeps with ``blocking_keys``."""

    def profiles_with(self, keys: Collection[BlockKey]) -> Iterable[ProfileSnapshot]:
        """Every profile having at least one of ``keys``; more is allowed, fewer is not."""
        ...


class SnapshotIndex:
    """A ProfileIndex over snapshots held in memory."""

    def __init__(self, profiles: Iterable[ProfileSnapshot]) -> None:
        self._by_key: dict[BlockKey, list[ProfileSnapshot]] = {}
        for profile in profiles:
            for key in blocking_keys(profile):
                self._by_key.setdefault(key, []).append(profile)

    def profiles_with(self, keys: Collection[BlockKey]) -> list[ProfileSnapshot]:
        return [profile for key in keys for profile in self._by_key.get(key, ())]


def extended(base: Exclusions, extra: Exclusions) -> Exclusions:
    """``base`` with every value of ``extra`` added: how users extend the defaults."""
    return Exclusions(
        **{
            field.name: getattr(base, field.name) | getattr(extra, field.name)
            for field in attrs.fields(Exclusions)
        }
    )


def name_words(value: str) -> tuple[str, ...]:
    """The words of a name with case and accents folded ("José" is "jose"), punctuation
    dropped ("B." is "b"). Letters without a decomposition stay apart: "ł" is not "l", as
    collations that equate them produce false duplicates. An address is no name."""
    return _words(clean(value))


def _words(cleaned: str) -> tuple[str, ...]:
    if "@" in cleaned:
        return ()
    text = "".join(
        c for c in unicodedata.normalize("NFKD", cleaned) if not unicodedata.combining(c)
    )
    text = unicodedata.normalize("NFKC", text.casefold())
    return tuple(w for w in _NOT_IN_A_WORD.split(text) if any(c.isalpha() for c in w))


def blocking_keys(profile: ProfileSnapshot) -> frozenset[BlockKey]:
    """Every key ``profile`` could be blocked by under any exclusions: what an index keeps.
    Exclusions only remove keys, so an index built once serves any exclusion list."""
    facts = _facts(profile, _Excluder.of(Exclusions()))
    return frozenset() if facts is None else facts.keys


def recommend(
    profiles: Iterable[ProfileSnapshot],
    *,
    exclusions: Exclusions = DEFAULT_EXCLUSIONS,
    dismissed: Collection[ProfilePair] = frozenset(),
    max_block: int = DEFAULT_MAX_BLOCK,
) -> list[Recommendation]:
    """One recommendation per pair of ``profiles`` that some rule links, in pair order;
    none for a pair already in one identity or dismissed."""
    excluder = _Excluder.of(exclusions)
    everyone = _usable(_unique(profiles).values(), excluder)
    return _recommend(_blocks(everyone.values()), None, excluder, dismissed, max_block)


def recommend_changed(
    changed: Iterable[ProfileSnapshot],
    index: ProfileIndex,
    *,
    exclusions: Exclusions = DEFAULT_EXCLUSIONS,
    dismissed: Collection[ProfilePair] = frozenset(),
    max_block: int = DEFAULT_MAX_BLOCK,
) -> list[Recommendation]:
    """The recommendations of a full run that involve a changed profile, from the changed
    profiles and an index of the others. ``changed`` wins over a stale copy in the index.

    The result replaces every open recommendation of a changed profile: one no longer
    produced (a profile that became a bot, an address removed) is no longer supported."""
    excluder = _Excluder.of(exclusions)
    fresh = _unique(changed)
    focus = _usable(fresh.values(), excluder)
    wanted = {key for facts in focus.values() for key in facts.keys}
    if not wanted:
        return []
    others = _unique(p for p in index.profiles_with(wanted) if p.ref not in fresh)
    members = [*focus.values(), *_usable(others.values(), excluder).values()]
    return _recommend(_blocks(members, wanted), frozenset(focus), excluder, dismissed, max_block)


# -- what a profile offers the rules --------------------------------------------------------


@attrs.frozen
class _Excluder:
    """Exclusions normalised once per run."""

    exclusions: Exclusions
    names: frozenset[str]
    markers: frozenset[str]
    bot_usernames: frozenset[str]
    bot_markers: frozenset[str]

    @classmethod
    def of(cls, exclusions: Exclusions) -> "_Excluder":
        normalised = attrs.evolve(
            exclusions,
            addresses=frozenset(raw_email(a) for a in exclusions.addresses),
            local_parts=frozenset(p.strip().casefold() for p in exclusions.local_parts),
            hosts=frozenset(h.strip().strip(".").casefold() for h in exclusions.hosts),
            role_local_parts=frozenset(p.strip().casefold() for p in exclusions.role_local_parts),
            account_types=frozenset(t.strip().casefold() for t in exclusions.account_types),
        )
        return cls(
            exclusions=normalised,
            names=frozenset(fold(n) for n in exclusions.names)
            | frozenset(" ".join(name_words(n)) for n in exclusions.names),
            markers=frozenset(m.casefold() for m in exclusions.name_markers if m.strip()),
            bot_usernames=frozenset(fold(u) for u in exclusions.bot_usernames),
            bot_markers=frozenset(fold(m) for m in exclusions.bot_markers if m.strip()),
        )

    def address(self, address: str) -> bool:
        excluded = self.exclusions
        local, _, host = address.rpartition("@")
        labels = host.split(".")
        return (
            not is_address(address)
            or address in excluded.addresses
            or local in excluded.local_parts
            or any(".".join(labels[i:]) in excluded.hosts for i in range(len(labels)))
        )

    def name(self, folded: str, words: tuple[str, ...]) -> bool:
        return (
            folded in self.names
            or " ".join(words) in self.names
            or any(marker in folded for marker in self.markers)
            or self.bot(folded)
        )

    def username(self, folded: str) -> bool:
        return folded in self.names or self.bot(folded)

    def bot(self, folded: str) -> bool:
        return bool(folded) and (
            folded in self.bot_usernames or any(folded.endswith(m) for m in self.bot_markers)
        )

    def is_bot(self, record: ProfileRecord, values: Iterable[str]) -> bool:
        return (
            record.is_bot
            or record.account_type.casefold() in self.exclusions.account_types
            or any(self.bot(value) for value in values)
        )

    def shared(self, address: str) -> bool:
        """An address that is evidence but may be several people's: a team or role
        address, or one on a bare machine name."""
        local, _, host = address.rpartition("@")
        return local in self.exclusions.role_local_parts or "." not in host


@attrs.frozen
class _Facts:
    """What the rules may use of one profile, exclusions applied."""

    ref: ProfileRef
    identity_id: int | None
    name: str
    words: tuple[str, ...]
    username: str
    addresses: tuple[str, ...]
    # Noreply addresses with the account key each one encodes.
    noreply: tuple[tuple[str, BlockKey], ...]
    # A GitHub profile's own keys, with the value each key shows in evidence.
    account: Mapping[BlockKey, str]
    keys: frozenset[BlockKey]

    @property
    def kind(self) -> ProfileKind:
        return self.ref.kind


def _facts(profile: ProfileSnapshot, excluder: _Excluder) -> _Facts | None:
    # Each value is normalised once: this runs for every profile of a full run.
    record = profile.record
    name = clean(record.display_name)
    folded_name = fold(name)
    username = clean(record.username)
    folded_username = fold(username)
    emails = {raw_email(e.address) for e in profile.emails}
    logins = (_noreply_login(a) or a.rpartition("@")[0] for a in emails)
    if excluder.is_bot(record, (folded_name, folded_username, *logins)):
        return None
    words = _words(name)
    if excluder.name(folded_name, words):
        name, words = "", ()
    if record.kind not in _USERNAME_KINDS or excluder.username(folded_username):
        username = ""
    addresses = tuple(sorted(a for a in emails if not excluder.address(a)))
    noreply = tuple((a, key) for a in addresses if (key := _noreply_key(a)) is not None)
    account = _account_keys(record) if record.kind is ProfileKind.GITHUB else {}
    keys = {(Block.EMAIL, a) for a in addresses}
    keys.update(key for _, key in noreply)
    keys.update(account)
    if username:
        keys.add((Block.USERNAME, username.casefold()))
    if _strict(words):
        keys.add((Block.NAME, " ".join(words)))
    return _Facts(
        ref=profile.ref,
        identity_id=record.identity_id,
        name=name,
        words=words,
        username=username,
        addresses=addresses,
        noreply=noreply,
        account=account,
        keys=frozenset(keys),
    )


def _noreply_login(address: str) -> str | None:
    match = _NOREPLY.fullmatch(address)
    return None if match is None else match["login"]


def _noreply_key(address: str) -> BlockKey | None:
    """The account an address encodes: by id when it has one (a login may since have been
    renamed and taken by someone else), else by login (the legacy form)."""
    match = _NOREPLY.fullmatch(address)
    if match is None:
        return None
    if match["id"]:
        return (Block.GITHUB_ID, match["id"])
    return (Block.GITHUB_LOGIN, match["login"])


def _account_keys(record: ProfileRecord) -> dict[BlockKey, str]:
    keys: dict[BlockKey, str] = {}
    kind, _, value = record.key.partition(":")
    github_id = record.external_id if record.external_id.isdigit() else ""
    if not github_id and kind == "id" and value.isdigit():
        github_id = value
    if github_id:
        keys[(Block.GITHUB_ID, github_id)] = f"id:{github_id}"
    login = clean(record.username) or (value if kind == "login" else "")
    if login:
        keys[(Block.GITHUB_LOGIN, login.casefold())] = f"login:{login}"
    return keys


def _strict(words: tuple[str, ...]) -> bool:
    """Two or more words that are more than an initial: "B. Stroustrup" alone names too
    many people to count."""
    return sum(len(w) > 1 for w in words) >= 2


def _unique(profiles: Iterable[ProfileSnapshot]) -> dict[ProfileRef, ProfileSnapshot]:
    unique: dict[ProfileRef, ProfileSnapshot] = {}
    for profile in profiles:
        seen = unique.setdefault(profile.ref, profile)
        if seen != profile:
            raise ValueError(f"{profile.ref} is given twice, with different values")
    return unique


def _usable(profiles: Iterable[ProfileSnapshot], excluder: _Excluder) -> dict[ProfileRef, _Facts]:
    return {
        facts.ref: facts
        for facts in (_facts(profile, excluder) for profile in profiles)
        if facts is not None
    }


# -- the rules --------------------------------------------------------------------------------


def _blocks(
    members: Iterable[_Facts], only: Collection[BlockKey] | None = None
) -> dict[BlockKey, list[_Facts]]:
    blocks: dict[BlockKey, list[_Facts]] = {}
    for facts in members:
        for key in facts.keys:
            if only is None or key in only:
                blocks.setdefault(key, []).append(facts)
    return blocks


def _recommend(
    blocks: Mapping[BlockKey, list[_Facts]],
    focus: frozenset[ProfileRef] | None,
    excluder: _Excluder,
    dismissed: Collection[ProfilePair],
    max_block: int,
) -> list[Recommendation]:
    found: dict[ProfilePair, tuple[_Facts, _Facts, set[Evidence]]] = {}
    for key, members in blocks.items():
        if not 2 <= len(members) <= max_block:
            continue
        for one, other, evidence in _block_evidence(key, members, excluder):
            if one.ref == other.ref:
                continue
            if focus is not None and one.ref not in focus and other.ref not in focus:
                continue
            if one.identity_id is not None and one.identity_id == other.identity_id:
                continue
            pair = ProfilePair.of(one.ref, other.ref)
            if pair in dismissed:
                continue
            first, second = (one, other) if pair.first == one.ref else (other, one)
            oriented = evidence if first is one else _swapped(evidence)
            found.setdefault(pair, (first, second, set()))[2].add(oriented)
    recommendations = []
    for pair in sorted(found, key=lambda p: (_order(p.first), _order(p.second))):
        first, second, findings = found[pair]
        initials = _initials(first, second)
        if initials is not None:
            findings.add(initials)
        recommendations.append(_combined(pair, findings))
    return recommendations


def _block_evidence(
    key: BlockKey, members: list[_Facts], excluder: _Excluder
) -> Iterator[tuple[_Facts, _Facts, Evidence]]:
    block, value = key
    members = sorted(members, key=lambda f: _order(f.ref))
    match block:
        case Block.EMAIL:
            yield from _same_email(value, members, excluder)
        case Block.GITHUB_ID | Block.GITHUB_LOGIN:
            yield from _noreply(key, members)
        case Block.USERNAME:
            yield from _same_username(members)
        case Block.NAME:
            for one, other in combinations(members, 2):
                yield one, other, Evidence(Rule.SAME_NAME, one.name, other.name, SAME_NAME_SCORE)


def _same_email(
    address: str, members: list[_Facts], excluder: _Excluder
) -> Iterator[tuple[_Facts, _Facts, Evidence]]:
    personal = not excluder.shared(address) and not _names_disagree(members)
    evidence = Evidence(
        Rule.SAME_EMAIL,
        address,
        address,
        PERSONAL_EMAIL_SCORE if personal else SHARED_EMAIL_SCORE,
        conclusive=personal,
    )
    for one, other in combinations(members, 2):
        yield one, other, evidence


def _names_disagree(members: list[_Facts]) -> bool:
    """Two full names with no word in common on one address: several people use it."""
    names = {frozenset(f.words) for f in members if _strict(f.words)}
    return any(not (a & b) for a, b in combinations(names, 2))


def _noreply(key: BlockKey, members: list[_Facts]) -> Iterator[tuple[_Facts, _Facts, Evidence]]:
    accounts = [f for f in members if key in f.account]
    for holder in members:
        for address, encoded in holder.noreply:
            if encoded != key:
                continue
            for account in accounts:
                yield (
                    holder,
                    account,
                    Evidence(
                        Rule.GITHUB_NOREPLY, address, account.account[key], NOREPLY_SCORE, True
                    ),
                )


def _same_username(members: list[_Facts]) -> Iterator[tuple[_Facts, _Facts, Evidence]]:
    kinds = [f.kind for f in members]
    # A username two accounts of one platform have held is not unique to anyone.
    reused = len(set(kinds)) < len(kinds)
    for one, other in combinations(members, 2):
        if one.kind is other.kind:
            continue
        if _strict(one.words) and one.words == other.words:
            score = USERNAME_AND_NAME_SCORE
        elif not reused and len(one.username) >= RARE_USERNAME_LENGTH:
            score = RARE_USERNAME_SCORE
        else:
            continue
        yield one, other, Evidence(Rule.SAME_USERNAME, one.username, other.username, score)


def _initials(first: _Facts, second: _Facts) -> Evidence | None:
    """Initials or a dropped middle initial ("B. Stroustrup" and "Bjarne Stroustrup", "Junio
    C Hamano" and "Junio Hamano"): looked for only on a pair another rule found, since alone
    they fit too many people."""
    a, b = first.words, second.words
    if a == b or len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or len(a[-1]) < 2:
        return None
    shorter, longer = sorted((a[:-1], b[:-1]))
    if not _given_names_match(shorter, longer):
        return None
    return Evidence(Rule.NAME_INITIALS, first.name, second.name, INITIALS_SCORE)


def _given_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Word by word, a word equal to the other or its initial; a middle initial may be
    missing on one side."""
    if not a or not b or not _word_matches(a[0], b[0]):
        return False
    i = j = 1
    while i < len(a) and j < len(b):
        if _word_matches(a[i], b[j]):
            i, j = i + 1, j + 1
        elif len(a[i]) == 1:
            i += 1
        elif len(b[j]) == 1:
            j += 1
        else:
            return False
    return all(len(w) == 1 for w in (*a[i:], *b[j:]))


def _word_matches(x: str, y: str) -> bool:
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _swapped(evidence: Evidence) -> Evidence:
    return attrs.evolve(evidence, first=evidence.second, second=evidence.first)


def _combined(pair: ProfilePair, evidence: set[Evidence]) -> Recommendation:
    ordered = tuple(
        sorted(
            evidence, key=lambda e: (_RULE_ORDER[e.rule], e.first, e.second, e.score, e.conclusive)
        )
    )
    missed = 1.0
    for item in ordered:
        missed *= 1.0 - item.score
    return Recommendation(
        pair=pair,
        score=round(1.0 - missed, 6),
        evidence=ordered,
        conclusive=any(e.conclusive for e in ordered),
    )


def _order(ref: ProfileRef) -> tuple[int, str]:
    return (ref.profile_id, ref.kind.value)
