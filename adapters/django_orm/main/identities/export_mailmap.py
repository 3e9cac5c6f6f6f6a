"""``identities export-mailmap``: a ``.mailmap`` of who is who among the git authors.

Every identity with two or more (name, email) pairs among its git author profiles becomes one
person of the file: shown as the identity's display name (else the name its profiles are most
used under) and the most used address (a primary one on a tie), measured by the records of
every tracker that name each profile.
"""

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.hub.models import Identity, Profile
from adapters.django_orm.main.identities._shared import emit, most, uses
from core.identity.mailmap import MailmapPerson, git_fold, write_mailmap
from core.protocols.refs import ProfileKind

NAME = "export-mailmap"
HELP = "write a .mailmap of the identities' git author names and addresses"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("--output", metavar="FILE", help="write here (default: print it)")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    using = options["database"]
    rows = list(
        Profile.objects.using(using)
        .filter(kind=ProfileKind.GIT_AUTHOR.value, identity__isnull=False)
        .prefetch_related("emails")
        .order_by("pk")
    )
    weights = uses([row.pk for row in rows], using)
    by_identity: dict[int, list[Profile]] = defaultdict(list)
    for row in rows:
        assert row.identity_id is not None
        by_identity[row.identity_id].append(row)
    names = dict(
        Identity.objects.using(using)
        .filter(pk__in=list(by_identity))
        .values_list("pk", "display_name")
    )

    # (name, email) pairs per identity, and which identities claim each as git compares them.
    pairs: dict[int, dict[tuple[str, str], int]] = {}
    primary: dict[int, set[str]] = defaultdict(set)
    claimed: dict[tuple[str, str], set[int]] = defaultdict(set)
    for identity_id, profiles in by_identity.items():
        found: dict[tuple[str, str], int] = {}
        for profile in profiles:
            if not profile.display_name:
                continue
            weight = weights[profile.pk]
            for mail in profile.emails.all():
                pair = (profile.display_name, mail.address)
                found[pair] = found.get(pair, 0) + weight
                claimed[(git_fold(pair[0]), git_fold(pair[1]))].add(identity_id)
                if mail.is_primary:
                    primary[identity_id].add(mail.address)
        pairs[identity_id] = found
    shared = {key for key, owners in claimed.items() if len(owners) > 1}

    people: list[MailmapPerson] = []
    skipped: list[str] = []
    for identity_id, found in sorted(pairs.items()):
        kept = {p: w for p, w in found.items() if (git_fold(p[0]), git_fold(p[1])) not in shared}
        skipped += [f"{n} <{e}>" for n, e in found if (n, e) not in kept]
        if len({(git_fold(n), git_fold(e)) for n, e in kept}) < 2:
            continue
        name_uses: Counter[str] = Counter()
        email_uses: Counter[str] = Counter()
        for (name, email), weight in kept.items():
            name_uses[name] += weight
            email_uses[email] += weight
        name = names.get(identity_id) or most(name_uses)
        email = most(email_uses, key=lambda e: (e not in primary[identity_id], e))
        others = sorted(pair for pair in kept if pair != (name, email))
        people.append(MailmapPerson(name, email, others))
    try:
        text = write_mailmap(people)
    except ValueError as error:
        raise CommandError(f"cannot write the mailmap: {error}") from None

    output = options.get("output")
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror or error}") from None
    data: dict[str, Any] = {"people": len(people), "skipped_shared_pairs": sorted(set(skipped))}
    if output:
        data["output"] = output
        lines = [f"{output}: {len(people)} people"]
    else:
        data["mailmap"] = text
        lines = [text.rstrip("\n")]
    for shown in sorted(set(skipped)):
        lines.append(f"left out, claimed by several identities: {shown}")
    emit(options, out, data, lines)
