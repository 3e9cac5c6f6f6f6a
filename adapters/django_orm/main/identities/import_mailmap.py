"""``identities import-mailmap FILE``: link the profiles a ``.mailmap`` shows as one person.

git author profiles (and mailing list senders and Boost authors that have an address) are
looked up as ``git check-mailmap`` would show them; the profiles shown as the same name and
address, when a line of the file decides it, end up in one identity. Each group becomes
recommendations (rule ``mailmap``, score 1.0: the file is the repository's own statement), the
first profile with each other one, stored and accepted at once by the automatic job
``import-mailmap`` (core.identity.reviewing.Reviewer.apply): identities are merged and the
unlinked profiles linked, with the file, its deciding lines and who git shows them as for
evidence. A pair already in one identity is not recorded; a pair someone dismissed stays
dismissed (and one accepted then parted stays apart), reported; a group touching a locked
identity is left alone and reported. Running it again changes nothing.
"""

from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.hub.models import Identity, Profile
from adapters.django_orm.main.identities._shared import emit
from adapters.django_orm.main.identities.recommendations import reviewer
from core.identity.mailmap import (
    compile_mailmap,
    git_fold,
    mailmap_recommendations,
    read_mailmap,
)
from core.protocols.audit import Actor, AuditEvidence, JSONValue
from core.protocols.errors import IdentityLocked
from core.protocols.refs import ProfileKind, ref_of

NAME = "import-mailmap"
HELP = "link the profiles a .mailmap file shows as one person"

JOB = Actor.job("import-mailmap")
KINDS = (ProfileKind.GIT_AUTHOR, ProfileKind.MAILING_LIST, ProfileKind.BOOST_AUTHOR)


def arguments(parser: CommandParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a .mailmap file (gitmailmap(5))")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def _find(parent: dict[int, int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    path = Path(options["file"])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    entries, problems = read_mailmap(raw, str(path))
    mailmap = compile_mailmap(entries)
    using = options["database"]

    # Who git shows each profile as, and which lines say so.
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    members: dict[tuple[str, str], set[int]] = defaultdict(set)
    decided: dict[tuple[str, str], set[int]] = defaultdict(set)
    profiles: dict[int, Profile] = {}
    rows = (
        Profile.objects.using(using)
        .filter(kind__in=[k.value for k in KINDS], emails__isnull=False)
        .prefetch_related("emails")
        .order_by("pk")
        .distinct()
    )
    for profile in rows:
        name = profile.display_name
        if not name:
            continue
        for address in profile.emails.values_list("address", flat=True):
            person = mailmap.resolve(name, address)
            key = (git_fold(person[0]), git_fold(person[1]))
            shown.setdefault(key, person)
            members[key].add(profile.pk)
            decided[key].update(mailmap.deciding_lines(name, address))
            profiles[profile.pk] = profile

    # Profiles shown as one person by a line of the file, joined across their addresses.
    parent = {pk: pk for pk in profiles}
    for key, joined in members.items():
        if decided[key]:
            first, *rest = sorted(joined)
            for pk in rest:
                parent[_find(parent, pk)] = _find(parent, first)
    groups: dict[int, list[int]] = defaultdict(list)
    lines_of: dict[int, set[int]] = defaultdict(set)
    person_of: dict[int, tuple[str, str]] = {}
    for key, joined in sorted(members.items()):
        if not decided[key]:
            continue
        root = _find(parent, min(joined))
        lines_of[root].update(decided[key])
        person_of.setdefault(root, shown[key])
    for pk in sorted(profiles):
        root = _find(parent, pk)
        if root in person_of:
            groups[root].append(pk)

    review = reviewer(using)
    report: dict[str, list[Any]] = {"linked": [], "merged": [], "created": [], "locked": []}
    report["failed"] = []
    report["dismissed"] = []
    accepted = 0
    for root, pks in sorted(groups.items()):
        if len(pks) < 2:
            continue
        name, email = person_of[root]
        shown_as = f"{name} <{email}>"
        lines = sorted(lines_of[root])
        evidence: AuditEvidence = (
            {
                "rule": "mailmap",
                "file": str(path),
                "lines": list[JSONValue](lines),
                "shown_as": shown_as,
            },
        )
        reason = options["reason"].strip() or f"{path.name} shows them as {shown_as}"
        refs = [ref_of(ProfileKind(profiles[pk].kind), pk) for pk in pks]
        found = review.apply(
            mailmap_recommendations(refs, file=str(path), lines=lines, shown_as=shown_as),
            JOB,
            reason,
            evidence=evidence,
        )
        if isinstance(found.refused, IdentityLocked):
            locked = list(
                Identity.objects.using(using)
                .filter(profiles__pk__in=pks, is_locked=True)
                .order_by("pk")
                .distinct()
                .values_list("pk", flat=True)
            )
            report["locked"].append({"identities": locked, "profiles": pks, "shown_as": shown_as})
            continue
        if found.refused is not None:
            report["failed"].append({"profiles": pks, "reason": str(found.refused)})
            continue
        for stored in (*found.dismissed, *found.parted):
            report["dismissed"].append(
                {
                    "recommendation": stored.id,
                    "profiles": [stored.pair.first.profile_id, stored.pair.second.profile_id],
                    "status": stored.status.value,
                    "shown_as": shown_as,
                }
            )
        for decision in found.accepted:
            accepted += 1
            identity = decision.identity.identity_id
            if decision.operation == "create":
                report["created"].append(identity)
            if decision.merge is not None and decision.retired is not None:
                report["merged"].append(
                    {
                        "merge": decision.merge.merge_id,
                        "into": identity,
                        "others": [decision.retired.identity_id],
                        "recommendation": decision.recommendation.id,
                    }
                )
            for ref in decision.linked:
                report["linked"].append({"profile": ref.profile_id, "identity": identity})

    problem_lines = [f"{p.path}: {p.position}: {p.reason}" for p in problems]
    data = {
        "file": str(path),
        "entries": len(entries),
        "groups": sum(1 for group in groups.values() if len(group) > 1),
        "problems": problem_lines,
        "recommendations": accepted,
        **report,
    }
    text = list(problem_lines)
    text.append(
        f"{path}: {len(entries)} entries, {data['groups']} group(s) of profiles;"
        f" {len(report['merged'])} merge(s), {len(report['created'])} identity(ies) created,"
        f" {len(report['linked'])} profile(s) linked; {accepted} recommendation(s) accepted"
    )
    for item in report["locked"]:
        ids = ", ".join(str(i) for i in item["identities"])
        text.append(f"  left alone, locked identity {ids}: {item['shown_as']}")
    for item in report["dismissed"]:
        a, b = item["profiles"]
        text.append(
            f"  left alone, recommendation {item['recommendation']} was {item['status']}:"
            f" profiles {a} and {b}, {item['shown_as']}"
        )
    for item in report["failed"]:
        text.append(f"  not linked: {item['reason']}")
    emit(options, out, data, text)
