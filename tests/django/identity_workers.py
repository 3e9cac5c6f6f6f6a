"""The child process of tests/django/test_identity_concurrency.py: one writer of the identity
hub, on the database of ``DATABASE_URL``, run as ``python -m tests.django.identity_workers``.

``python -m tests.django.identity_workers JOB BARRIER NAME PARTIES ARGS_JSON`` sets Django up,
connects, then waits at the file barrier ``BARRIER`` (a directory: each party creates
``<step>.<name>`` and waits for ``PARTIES`` of them) before each step, so that the writers
really overlap. It prints one JSON document: what each operation did. A transaction that lost
a race (``retryable``) is run again and counted; an ``IdentityError`` is reported by its class
name; anything else is a traceback, and fails the test.
"""

import json
import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BARRIER_TIMEOUT = 30.0  # seconds a party waits for the others
RETRIES = 20
RESOLVE_BATCH = 50


def claims_of_round(round_number: int) -> list[Any]:
    """300 new claims of five kinds; the first 20 Slack users are claimed twice, with two
    addresses, so writers attach different addresses to one profile at once."""
    from core.protocols import (
        DiscordUserClaim,
        GitAuthorClaim,
        GitHubAccountClaim,
        MailingListSenderClaim,
        SlackUserClaim,
    )

    r = round_number
    claims: list[Any] = []
    for i in range(60):
        claims.append(GitAuthorClaim(f"Dev {r} {i}", f"dev{r}.{i}@example.com"))
        claims.append(
            GitHubAccountClaim(
                github_id=r * 10_000 + i, login=f"dev{r}x{i}", email=f"gh{r}.{i}@example.com"
            )
        )
        claims.append(MailingListSenderClaim(f"Sender {r} {i}", f"list{r}.{i}@example.com"))
        claims.append(DiscordUserClaim(r * 10_000 + i, username=f"disc{r}x{i}"))
    for i in range(40):
        claims.append(SlackUserClaim(f"U{r}X{i:03d}", email=f"slack{r}.{i}@example.com"))
    for i in range(20):
        claims.append(SlackUserClaim(f"U{r}X{i:03d}", email=f"other{r}.{i}@example.com"))
    return claims


def _wait(barrier: Path, step: str, name: str, parties: int) -> None:
    (barrier / f"{step}.{name}").touch()
    deadline = time.monotonic() + BARRIER_TIMEOUT
    while len(list(barrier.glob(f"{step}.*"))) < parties:
        if time.monotonic() > deadline:
            raise SystemExit(f"barrier {step}: the other writers never came")
        time.sleep(0.002)


def _attempt(run: Callable[[], Any], retried: list[int]) -> Any:
    from adapters.django_orm.unit_of_work import retryable

    for _ in range(RETRIES):
        try:
            return run()
        except Exception as error:
            if not retryable(error):
                raise
            retried[0] += 1
    return run()


def _outcome(
    run: Callable[[], Any], retried: list[int], shown: Callable[[Any], Any]
) -> dict[str, Any]:
    from core.protocols.errors import IdentityError

    try:
        return {"done": shown(_attempt(run, retried))}
    except IdentityError as error:
        return {"refused": type(error).__name__, "message": str(error)}


def resolve(wait: Callable[[str], None], args: dict[str, Any]) -> dict[str, Any]:
    from adapters.django_orm.main.bootstrap import identity_hub

    hub = identity_hub()
    retried = [0]
    rounds = []
    for round_number in args["rounds"]:
        claims = claims_of_round(round_number)
        order = random.Random(args["seed"] * 1_000 + round_number).sample(
            range(len(claims)), len(claims)
        )
        wait(f"round{round_number}")
        ids: dict[int, int] = {}
        for start in range(0, len(order), RESOLVE_BATCH):
            batch = order[start : start + RESOLVE_BATCH]
            refs = _attempt(partial(hub.get_or_create_many, [claims[i] for i in batch]), retried)
            for index, ref in zip(batch, refs, strict=True):
                ids[index] = ref.profile_id
        rounds.append([ids[i] for i in range(len(claims))])
    return {"rounds": rounds, "retried": retried[0]}


def attach(wait: Callable[[str], None], args: dict[str, Any]) -> dict[str, Any]:
    from adapters.django_orm.main.bootstrap import identity_hub
    from core.protocols import SlackUserClaim

    hub = identity_hub()
    retried = [0]
    claims = [
        SlackUserClaim(f"U{i:04d}", email=f"{args['name']}.{i}@example.com")
        for i in range(args["people"])
    ]
    wait("attach")
    _attempt(lambda: hub.get_or_create_many(claims), retried)
    return {"retried": retried[0]}


def merge(wait: Callable[[str], None], args: dict[str, Any]) -> dict[str, Any]:
    from adapters.django_orm.main.bootstrap import identity_hub
    from core.protocols import IdentityRef
    from core.protocols.audit import Actor

    hub = identity_hub()
    actor = Actor.user(args["name"])
    retried = [0]
    wait("merge")
    outcomes = []
    for into, others in args["merges"]:
        run = partial(
            hub.merge,
            IdentityRef(into),
            [IdentityRef(o) for o in others],
            actor=actor,
            reason=f"{args['name']} merges {others} into {into}",
        )
        outcome = _outcome(run, retried, lambda ref: ref.merge_id)
        outcomes.append({"into": into, "others": others, **outcome})
    return {"outcomes": outcomes, "retried": retried[0]}


def unmerge(wait: Callable[[str], None], args: dict[str, Any]) -> dict[str, Any]:
    from adapters.django_orm.main.bootstrap import identity_hub
    from core.protocols.audit import Actor, MergeRef

    hub = identity_hub()
    actor = Actor.user(args["name"])
    retried = [0]
    wait("unmerge")
    outcomes = []
    for merge_id in args["merges"]:
        run = partial(hub.unmerge, MergeRef(merge_id), actor=actor, reason="undo")
        outcome = _outcome(run, retried, lambda report: len(report.restored))
        outcomes.append({"merge": merge_id, **outcome})
    return {"outcomes": outcomes, "retried": retried[0]}


def erase(wait: Callable[[str], None], args: dict[str, Any]) -> dict[str, Any]:
    """Erase each profile, then let every tracker apply what the outbox holds: a writer and a
    consumer of the outbox at once, beside the other process doing the same."""
    from adapters.django_orm.main.bootstrap import apply_profile_events, identity_hub
    from core.protocols import MailingListSenderRef
    from core.protocols.audit import Actor

    hub = identity_hub()
    actor = Actor.user(args["name"])
    retried = [0]
    applied = 0
    wait("erase")
    for profile_id in args["profiles"]:
        ref = MailingListSenderRef(profile_id)
        _attempt(partial(hub.erase, ref, actor=actor, reason="request"), retried)
        done = _attempt(apply_profile_events, retried)
        applied += sum(tracker.events for tracker in done)
    return {"retried": retried[0], "applied": applied}


JOBS = {
    "resolve": resolve,
    "attach": attach,
    "merge": merge,
    "unmerge": unmerge,
    "erase": erase,
}


def main(argv: list[str]) -> None:
    job, barrier, name, parties, raw = argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adapters.django_orm.settings")
    import django
    from django.db import connection

    django.setup()
    connection.ensure_connection()
    args = json.loads(raw)
    args["name"] = name

    def wait(step: str) -> None:
        _wait(Path(barrier), step, name, int(parties))

    print(json.dumps(JOBS[job](wait, args)))


if __name__ == "__main__":
    main(sys.argv[1:])
