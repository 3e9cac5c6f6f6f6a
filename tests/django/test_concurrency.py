"""Two writers resolving the same people at once end with one profile per person, on
PostgreSQL, where writers really run concurrently."""

import contextlib
import random
import threading
from typing import Any

import pytest
from django.db import connections

from adapters.django_orm.unit_of_work import DjangoUnitOfWork
from core.identity import IdentityHub
from core.protocols import GitHubAccountClaim, ProfileKind, ProfileRef, SlackUserClaim


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_concurrent_get_or_create_of_the_same_claims_creates_each_profile_once() -> None:
    claims = [SlackUserClaim(f"U{i}") for i in range(50)] + [
        GitHubAccountClaim(github_id=i, login=f"user{i}") for i in range(1, 51)
    ]
    start = threading.Barrier(2)
    results: list[list[ProfileRef | None]] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            hub = IdentityHub(DjangoUnitOfWork("postgres"))
            start.wait(timeout=10)
            results.append(list(hub.get_or_create_many(claims)))
        except BaseException as error:  # reported to the test thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert results[0] == results[1]
    hub = IdentityHub(DjangoUnitOfWork("postgres"))
    assert hub.count_profiles() == {ProfileKind.SLACK: 50, ProfileKind.GITHUB: 50}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["postgres"])
def test_writers_inserting_the_same_new_people_in_other_orders_never_deadlock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given two writers with the same 200 new people in two shuffled orders, inserted 50 rows
    # a statement, and both made to stop after their first statement until the other has too
    from adapters.django_orm.hub import repository

    monkeypatch.setattr(repository, "INSERT_BATCH", 50)
    claims = [SlackUserClaim(f"U{i:04d}") for i in range(200)]
    orders = [random.Random(seed).sample(claims, len(claims)) for seed in (1, 2)]
    halfway = threading.Barrier(2)
    errors: list[BaseException] = []

    def pause_after_the_first_insert(execute: Any, sql: str, *args: Any) -> Any:
        result = execute(sql, *args)
        if sql.startswith('INSERT INTO "hub_profile"') and not getattr(local, "paused", False):
            local.paused = True
            with contextlib.suppress(threading.BrokenBarrierError):
                halfway.wait(timeout=3)  # a writer waiting on the other's row never comes
        return result

    local = threading.local()

    def writer(order: list[SlackUserClaim]) -> None:
        try:
            with connections["postgres"].execute_wrapper(pause_after_the_first_insert):
                IdentityHub(DjangoUnitOfWork("postgres")).get_or_create_many(order)
        except BaseException as error:  # reported to the test thread below
            errors.append(error)
        finally:
            connections.close_all()

    # when both write at once
    threads = [threading.Thread(target=writer, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then neither deadlocked, and each person is one profile
    assert errors == []
    hub = IdentityHub(DjangoUnitOfWork("postgres"))
    assert hub.count_profiles() == {ProfileKind.SLACK: 200}
