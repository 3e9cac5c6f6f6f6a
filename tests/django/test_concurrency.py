"""Two writers resolving the same people at once end with one profile per person, on
PostgreSQL, where writers really run concurrently."""

import threading

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
