"""``identities exclusions``: the values that never count as evidence for a recommendation,
built in and the user's; ``--add`` and ``--remove`` change the user's. A change takes effect
at the next ``recommend``, which then looks at every profile again (as ``--full``): it closes
the open recommendations that rested only on a term now excluded, and opens again those a
removed term supported. Accepted and dismissed recommendations stay as they are."""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from adapters.django_orm.hub.recommendations import DjangoRecommendationStore
from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import emit, user
from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity.reviewing import Reviewer, ReviewError, TermKind

NAME = "exclusions"
HELP = "list, add or remove values that never count as evidence for a recommendation"

_KINDS = [kind.value for kind in TermKind]


def reviewer(using: str) -> Reviewer:
    """The review use cases on one database, with the user's exclusion terms."""
    uow = DjangoUnitOfWork(using)
    store = DjangoRecommendationStore(using)
    return Reviewer(uow, store, identity_hub(uow=uow), terms=store)


def arguments(parser: CommandParser) -> None:
    change = parser.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="TERM", help="exclude TERM (needs --as)")
    change.add_argument("--remove", metavar="TERM", help="stop excluding TERM (needs --as)")
    parser.add_argument(
        "--as",
        dest="term_kind",
        choices=_KINDS,
        help="what TERM is: a whole address, the local part or the host of addresses (a host"
        " covers its subdomains), a placeholder name, or a bot's username (its profiles take"
        " part in no rule)",
    )


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    review = reviewer(options["database"])
    value = options["add"] if options["add"] is not None else options["remove"]
    kind = options["term_kind"]
    if value is not None and kind is None:
        flag = "--add" if options["add"] is not None else "--remove"
        raise CommandError(f"{flag} needs --as {'|'.join(_KINDS)}")
    if value is None and kind is not None:
        raise CommandError("--as goes with --add or --remove")
    changed: dict[str, str] | None = None
    if value is not None:
        try:
            if options["add"] is not None:
                term = review.add_exclusion(TermKind(kind), value, user())
                changed = {"added": term, "as": kind}
            else:
                term = review.remove_exclusion(TermKind(kind), value)
                changed = {"removed": term, "as": kind}
        except ReviewError as error:
            raise CommandError(str(error)) from None
    listing = review.exclusions()
    user_terms: dict[str, list[str]] = {k: [] for k in _KINDS}
    for term_kind, term in listing.user:
        user_terms[term_kind.value].append(term)
    data: dict[str, Any] = {
        "built_in": {k.value: sorted(v) for k, v in listing.built_in.items()},
        "user": user_terms,
    }
    lines: list[str] = []
    if changed is not None:
        data.update(changed)
        verb = "added" if "added" in changed else "removed"
        lines.append(
            f"{verb} {kind} {changed.get('added', changed.get('removed'))!r};"
            " the next `identities recommend` looks at every profile again"
        )
    else:
        for k in _KINDS:
            lines.append(f"{k}:")
            lines.extend(f"  {term}  (built in)" for term in data["built_in"][k])
            lines.extend(f"  {term}" for term in user_terms[k])
        count = len(listing.user)
        lines.append(f"{count} user exclusion(s), on top of the built-in ones")
    emit(options, out, data, lines)
