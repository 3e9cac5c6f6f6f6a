"""Recommendations that two profiles are one person, as plain values.

A recommendation is only a proposal: the hub computes them (core.identity.recommending), a
store keeps one open recommendation per unordered pair, and a person accepts or dismisses it.
Only evidence marked conclusive may ever be applied without review, and only on request.
"""

from enum import StrEnum

import attrs

from core.protocols.refs import ProfileRef


class Rule(StrEnum):
    """The rule that found a piece of evidence; stored, so the values never change."""

    SAME_EMAIL = "same_email"
    GITHUB_NOREPLY = "github_noreply"
    SAME_USERNAME = "same_username"
    SAME_NAME = "same_name"
    NAME_INITIALS = "name_initials"
    # A repository's .mailmap shows both profiles as one person: its own conclusive statement,
    # given by ``identities import-mailmap`` rather than found by a run of the rules.
    MAILMAP = "mailmap"


def _order(ref: ProfileRef) -> tuple[int, str]:
    return (ref.profile_id, ref.kind.value)


def _canonical(
    instance: "ProfilePair", attribute: "attrs.Attribute[ProfileRef]", value: ProfileRef
) -> None:
    if not _order(instance.first) < _order(value):
        raise ValueError(
            f"a profile pair is ordered and joins two profiles, got {instance.first} and {value}"
        )


@attrs.frozen
class ProfilePair:
    """An unordered pair of distinct profiles, stored in one canonical order so that (a, b)
    and (b, a) are one value: the key of a recommendation and of a dismissal."""

    first: ProfileRef
    second: ProfileRef = attrs.field(validator=_canonical)

    @classmethod
    def of(cls, one: ProfileRef, other: ProfileRef) -> "ProfilePair":
        """The pair in canonical order, whichever order the profiles come in."""
        return cls(one, other) if _order(one) < _order(other) else cls(other, one)


def _unit(instance: object, attribute: "attrs.Attribute[float]", value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be in 0..1, got {value}")


@attrs.frozen
class Evidence:
    """One rule's finding on a pair: the value it matched on the pair's first profile and on
    its second (the normalised address, the display names...), and what it is worth."""

    rule: Rule
    first: str
    second: str
    score: float = attrs.field(validator=_unit)
    conclusive: bool = False


def _some_evidence(
    instance: "Recommendation",
    attribute: "attrs.Attribute[tuple[Evidence, ...]]",
    value: tuple[Evidence, ...],
) -> None:
    if not value:
        raise ValueError(f"a recommendation for {instance.pair} needs evidence")


def _conclusive_from_evidence(
    instance: "Recommendation", attribute: "attrs.Attribute[bool]", value: bool
) -> None:
    if value != any(e.conclusive for e in instance.evidence):
        raise ValueError("a recommendation is conclusive exactly when some evidence is")


@attrs.frozen
class Recommendation:
    """Every rule's evidence on one pair, with their combined score."""

    pair: ProfilePair
    score: float = attrs.field(validator=_unit)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_some_evidence)
    conclusive: bool = attrs.field(validator=_conclusive_from_evidence)


@attrs.frozen
class Exclusions:
    """Values that say nothing about who a person is, so no rule uses them as evidence.

    The hub's defaults are core.identity.recommending.DEFAULT_EXCLUSIONS; users extend them
    (core.identity.recommending.extended). Values are compared after normalisation, so case
    and spacing do not matter here.
    """

    # Whole addresses: relays and placeholders.
    addresses: frozenset[str] = frozenset()
    # Local parts that name a machine role, not a person (root@..., noreply@...).
    local_parts: frozenset[str] = frozenset()
    # Hosts no person receives mail at; a host also covers its subdomains.
    hosts: frozenset[str] = frozenset()
    # Local parts of team or role addresses: evidence, but never conclusive.
    role_local_parts: frozenset[str] = frozenset()
    # Placeholder names and usernames ("unknown", "(no author)").
    names: frozenset[str] = frozenset()
    # Text whose presence in a name marks a relay ("Jane Doe via GitGitGadget").
    name_markers: frozenset[str] = frozenset()
    # Usernames of bots; a profile carrying one takes part in no rule.
    bot_usernames: frozenset[str] = frozenset()
    # Endings of bot logins, names and addresses ("dependabot[bot]").
    bot_markers: frozenset[str] = frozenset()
    # GitHub account types that are not a person.
    account_types: frozenset[str] = frozenset()
