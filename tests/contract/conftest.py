"""One behaviour suite, three adapters: memory, Django on SQLite, Django on PostgreSQL.

Each test that takes ``backend`` (or ``hub``) runs once per adapter; the Django ones inside a
transaction that is rolled back at the end.
"""

from collections.abc import Callable
from typing import Protocol

import attrs
import pytest

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols.events import HubEvent
from core.protocols.identity import IdentityUnitOfWork
from core.protocols.storage import RecordsUnitOfWork

ERASURE_KEY = b"trackerhub contract tests"
DJANGO_ALIASES = {"sqlite": "default", "postgres": "postgres"}

BACKENDS = [
    pytest.param("memory", id="memory"),
    pytest.param("sqlite", marks=pytest.mark.django_db(databases=["default"]), id="sqlite"),
    pytest.param(
        "postgres",
        marks=[pytest.mark.django_db(databases=["postgres"]), pytest.mark.postgres],
        id="postgres",
    ),
]


class UnitOfWork(IdentityUnitOfWork, RecordsUnitOfWork, Protocol):
    """The adapters' unit of work: the hub and every tracker's records together."""


@attrs.frozen
class Backend:
    name: str
    make_uow: Callable[[], UnitOfWork]

    @property
    def alias(self) -> str | None:
        return DJANGO_ALIASES.get(self.name)

    def hub(
        self, publish: Callable[[HubEvent], None] | None = None, uow: UnitOfWork | None = None
    ) -> IdentityHub:
        """A hub on ``uow``, to share its transactions, or on a unit of work of its own."""
        uow = uow if uow is not None else self.make_uow()
        # A deployment's key, as TRACKERHUB_ERASURE_KEY gives one: no query for the
        # database's own key, so query counts are those of each batch.
        if publish is None:
            return IdentityHub(uow, erasure_key=ERASURE_KEY)
        return IdentityHub(uow, publish, erasure_key=ERASURE_KEY)


def make_backend(name: str) -> Backend:
    if name == "memory":
        return Backend(name, MemoryUnitOfWork)
    # Imported here: the models need Django set up, which pytest-django does before tests.
    from adapters.django_orm.unit_of_work import DjangoUnitOfWork

    alias = DJANGO_ALIASES[name]
    return Backend(name, lambda: DjangoUnitOfWork(alias))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Backend:
    name: str = request.param
    return make_backend(name)


@pytest.fixture
def hub(backend: Backend) -> IdentityHub:
    return backend.hub()


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.django_db(databases=["default"]), id="sqlite"),
        pytest.param(
            "postgres",
            marks=[pytest.mark.django_db(databases=["postgres"]), pytest.mark.postgres],
            id="postgres",
        ),
    ]
)
def django_backend(request: pytest.FixtureRequest) -> Backend:
    name: str = request.param
    return make_backend(name)
