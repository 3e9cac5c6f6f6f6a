"""The identity hub under real parallel processes on the test run's PostgreSQL server.

Two writers (tests/django/identity_workers.py, each its own ``python -m`` process, started
together at a file barrier) resolve the same new people, merge overlapping identities, or
unmerge the same merges at once. Afterwards nothing is duplicated or lost: one profile per
key, each address attached once, every profile in one live identity, every committed merge
with its record and its audit entry; and the loser of a race is refused with the hub's own
error (IdentityRetired, InvalidMerge, AlreadyUnmerged), or retried to success, never a
database error's traceback.
"""

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connections

from adapters.django_orm.main.bootstrap import identity_hub
from core.protocols import IdentityRef, SlackUserClaim
from core.protocols.audit import Actor, MergeRef, Operation
from tests.django.identity_workers import claims_of_round

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("trackerhub")
SETUP = Actor.user("setup")
TIMEOUT = 120  # seconds a worker may take


def postgres_environment() -> dict[str, str]:
    settings = connections["postgres"].settings_dict
    host = quote(str(settings["HOST"]), safe="")
    url = (
        f"postgres://{quote(settings['USER'])}:{quote(settings['PASSWORD'] or '')}"
        f"@{host}:{settings['PORT']}/{settings['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = url
    return env


def run_at_once(
    tmp_path: Path, job: str, arguments: list[dict[str, Any]], env: dict[str, str] | None = None
) -> list[Any]:
    """Run one worker per argument dict at once, on the test run's PostgreSQL database unless
    ``env`` says otherwise; each one's JSON report, in order."""
    barrier = tmp_path / f"barrier-{job}"
    barrier.mkdir()
    env = postgres_environment() if env is None else env
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.django.identity_workers",
                job,
                str(barrier),
                f"writer{n}",
                str(len(arguments)),
                json.dumps(args),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, args in enumerate(arguments)
    ]
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        reports.append(json.loads(out))
    return reports


def fetch(sql: str) -> list[tuple[Any, ...]]:
    with connections["postgres"].cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def identities_with_profiles(names: list[str]) -> dict[str, IdentityRef]:
    """One identity per name, each with two Slack profiles of its own."""
    hub = identity_hub("postgres")
    created = {}
    for name in names:
        identity = hub.create_identity(name, actor=SETUP)
        for ref in hub.get_or_create_many(
            [SlackUserClaim(f"U{name}A"), SlackUserClaim(f"U{name}B")]
        ):
            assert ref is not None
            hub.link(ref, identity, actor=SETUP)
        created[name] = identity
    return created


def profiles_by_identity() -> dict[int, set[int]]:
    held: dict[int, set[int]] = {}
    for profile_id, identity_id in fetch("SELECT id, identity_id FROM hub_profile"):
        held.setdefault(identity_id, set()).add(profile_id)
    return held


def live_identities() -> set[int]:
    return {row[0] for row in fetch("SELECT id FROM hub_identity WHERE merged_into_id IS NULL")}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_processes_resolving_the_same_new_claims_in_shuffled_orders_store_each_once(
    tmp_path: Path,
) -> None:
    # given two writers with the same 300 new claims of five kinds per round, in other orders
    rounds = [1, 2, 3]

    # when both resolve them at once, 50 claims a transaction, round after round
    reports = run_at_once(
        tmp_path, "resolve", [{"rounds": rounds, "seed": seed} for seed in (1, 2)]
    )

    # then both succeeded and saw the same profile for every claim
    first, second = (report["rounds"] for report in reports)
    assert first == second
    # and there is exactly one profile per (kind, key): 280 people a round, the Slack users
    # claimed twice resolved to one profile each
    people = 280 * len(rounds)
    assert fetch("SELECT count(*), count(DISTINCT (kind, key)) FROM hub_profile") == [
        (people, people)
    ]
    assert len({profile_id for ids in first for profile_id in ids}) == people
    for ids in first:
        assert ids[-20:] == ids[-60:-40]
    # and every address of a claim is attached once, to its profile, with one primary each
    expected = {
        (profile_id, claim.email)
        for round_number, ids in zip(rounds, first, strict=True)
        for claim, profile_id in zip(claims_of_round(round_number), ids, strict=True)
        if getattr(claim, "email", "")
    }
    stored = fetch("SELECT profile_id, address FROM hub_email")
    assert Counter(stored) == Counter(expected)
    primaries = fetch(
        "SELECT profile_id, count(*) FILTER (WHERE is_primary) FROM hub_email GROUP BY profile_id"
    )
    assert {count for _, count in primaries} == {1}


def merged_groups(
    names: dict[str, IdentityRef], outcomes: list[dict[str, Any]]
) -> dict[int, set[int]]:
    """The identities each committed merge put together: union of into and others."""
    parent = {ref.identity_id: ref.identity_id for ref in names.values()}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for outcome in outcomes:
        if "done" in outcome:
            for other in outcome["others"]:
                parent[root(other)] = root(outcome["into"])
    groups: dict[int, set[int]] = {}
    for identity_id in parent:
        groups.setdefault(root(identity_id), set()).add(identity_id)
    return groups


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_processes_merging_overlapping_identities_lose_and_duplicate_nothing(
    tmp_path: Path,
) -> None:
    # given 20 sets of identities X, Y, Z, W with two profiles each
    sets = 20
    names = identities_with_profiles([f"{letter}{n}" for n in range(sets) for letter in "XYZW"])
    before = profiles_by_identity()

    def ids(n: int, *letters: str) -> list[int]:
        return [names[f"{letter}{n}"].identity_id for letter in letters]

    # when one writer merges X<-Y and X<-W while the other merges Y<-Z and X<-W, at once
    first = [(*ids(n, "X"), ids(n, "Y")) for n in range(sets)]
    first += [(*ids(n, "X"), ids(n, "W")) for n in range(sets)]
    # (the second in the other order, so that each wins some of the races)
    second = [(*ids(n, "Y"), ids(n, "Z")) for n in reversed(range(sets))]
    second += [(*ids(n, "X"), ids(n, "W")) for n in reversed(range(sets))]
    reports = run_at_once(tmp_path, "merge", [{"merges": first}, {"merges": second}])

    # then each merge was committed or refused with the hub's own error
    outcomes = [outcome for report in reports for outcome in report["outcomes"]]
    refused = Counter(outcome.get("refused") for outcome in outcomes if "done" not in outcome)
    assert set(refused) <= {"IdentityRetired", "InvalidMerge"}, outcomes
    # and merging W into X twice committed exactly once
    for n in range(sets):
        into, other = ids(n, "X", "W")
        done = [o for o in outcomes if o["into"] == into and o["others"] == [other]]
        assert sum("done" in o for o in done) == 1, done
    # and no profile was lost or duplicated: each is in the one live identity of its group
    after = profiles_by_identity()
    assert sorted(p for ps in after.values() for p in ps) == sorted(
        p for ps in before.values() for p in ps
    )
    live = live_identities()
    assert set(after) <= live
    for members in merged_groups(names, outcomes).values():
        (survivor,) = members & live
        assert after.get(survivor, set()) == set().union(*(before[m] for m in members))
    # and every committed merge has its record and its audit entry, and no other exists
    committed = sorted(outcome["done"] for outcome in outcomes if "done" in outcome)
    assert [row[0] for row in fetch("SELECT id FROM hub_merge ORDER BY id")] == committed
    audited = fetch(
        f"SELECT merge_id FROM hub_auditentry WHERE operation = '{Operation.MERGE.value}'"
        " ORDER BY merge_id"
    )
    assert [row[0] for row in audited] == committed


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_processes_unmerging_the_same_merges_undo_each_once(tmp_path: Path) -> None:
    # given 30 merges of Y into X
    pairs = 30
    names = identities_with_profiles([f"{letter}{n}" for n in range(pairs) for letter in "XY"])
    before = profiles_by_identity()
    hub = identity_hub("postgres")
    merges = [
        hub.merge(names[f"X{n}"], [names[f"Y{n}"]], actor=SETUP, reason="same person").merge_id
        for n in range(pairs)
    ]

    # when two writers unmerge all of them at once, in the same order
    reports = run_at_once(tmp_path, "unmerge", [{"merges": merges}, {"merges": merges}])

    # then each merge was undone by exactly one of them, and the other was refused
    for merge_id in merges:
        outcomes = [o for report in reports for o in report["outcomes"] if o["merge"] == merge_id]
        assert sorted(str(o.get("refused")) for o in outcomes) == ["AlreadyUnmerged", "None"]
        assert [o["done"] for o in outcomes if "done" in o] == [2]
        assert hub.merge_record(MergeRef(merge_id)).unmerged_at is not None
    # and every profile is back where it was, with one unmerge audit entry per merge
    assert profiles_by_identity() == before
    assert live_identities() == {ref.identity_id for ref in names.values()}
    audited = fetch(
        f"SELECT merge_id FROM hub_auditentry WHERE operation = '{Operation.UNMERGE.value}'"
    )
    assert sorted(row[0] for row in audited) == sorted(merges)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_processes_giving_the_same_profiles_different_addresses_at_once_keep_both(
    tmp_path: Path,
) -> None:
    # given 300 stored Slack users without an address
    people = 300
    identity_hub("postgres").get_or_create_many(
        [SlackUserClaim(f"U{i:04d}") for i in range(people)]
    )

    # when two writers claim them at once, each with addresses of its own
    run_at_once(tmp_path, "attach", [{"people": people}, {"people": people}])

    # then no address was lost to the other's primary one: each profile has both, one primary
    assert fetch(
        "SELECT count(DISTINCT profile_id), count(*), count(*) FILTER (WHERE is_primary)"
        " FROM hub_email"
    ) == [(people, 2 * people, people)]


def test_two_processes_resolving_the_same_claims_into_one_sqlite_file_store_each_once(
    tmp_path: Path,
) -> None:
    # given one migrated SQLite file
    database = tmp_path / "shared.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    subprocess.run([SCRIPT, "migrate", "-v0"], env=env, check=True, timeout=TIMEOUT)

    # when two writers resolve the same claims into it at once, in other orders
    reports = run_at_once(
        tmp_path, "resolve", [{"rounds": [1], "seed": seed} for seed in (3, 4)], env
    )

    # then the second writer waited for the first, and each person is one profile
    assert reports[0]["rounds"] == reports[1]["rounds"]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM hub_profile").fetchone() == (280,)
        assert connection.execute("SELECT count(*) FROM hub_email").fetchone() == (240,)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_two_processes_erasing_and_applying_events_at_once_leave_no_event_unapplied(
    tmp_path: Path,
) -> None:
    # given 40 senders, each with a message
    from adapters.django_orm.hub.repository import OUTBOX_POSITION
    from adapters.django_orm.main.bootstrap import pending_profile_events
    from adapters.django_orm.main.orphans import orphan_count
    from adapters.django_orm.unit_of_work import DjangoUnitOfWork
    from core.ingest import ingest
    from core.protocols import MailingListSenderClaim
    from trackers.mailing_lists.ingest import MAILING_LISTS, MESSAGES
    from trackers.mailing_lists.records import MessageSeen

    senders = [MailingListSenderClaim(f"Sender {i}", f"s{i}@example.com") for i in range(40)]
    uow = DjangoUnitOfWork("postgres")
    messages = [
        MessageSeen("boost", f"{i}@x", f"H{i}", f"subject {i}", None, sender, body=f"body {i}")
        for i, sender in enumerate(senders)
    ]
    ingest(MAILING_LISTS, messages, uow, identity_hub(uow=uow), origin="boost.mbox")
    ids = [ref.profile_id for ref in identity_hub("postgres").find_many(senders) if ref]

    # when two processes each erase half of them, applying the events after each erasure
    run_at_once(tmp_path, "erase", [{"profiles": ids[0::2]}, {"profiles": ids[1::2]}])

    # then 40 events took positions 1..40, every one was applied (the messages below), and so
    # each left the outbox
    counter = fetch(f"SELECT value FROM hub_hubsetting WHERE name = '{OUTBOX_POSITION}'")
    assert counter == [("40",)]
    assert fetch("SELECT position FROM hub_outboxmessage") == []
    assert pending_profile_events("postgres") == 0
    assert orphan_count("postgres") == 0
    with uow:
        stored = uow.records(MESSAGES).get_many([("boost", f"{i}@x") for i in range(40)])
    assert all(m.sender is None and m.body == "" for m in stored.values())
