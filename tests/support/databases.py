"""The two databases every Django lane runs on, as test parameters."""

import pytest
from _pytest.mark import ParameterSet


def both_databases(*, transaction: bool = False) -> list[ParameterSet]:
    """SQLite (the ``default`` alias) and PostgreSQL (``postgres``, marked ``postgres``), each
    with the database access its tests need; ``transaction``: real commits, not a rolled-back
    test transaction (migrations, several connections)."""
    return [
        pytest.param(
            "default",
            marks=pytest.mark.django_db(transaction=transaction, databases=["default"]),
            id="sqlite",
        ),
        pytest.param(
            "postgres",
            marks=[
                pytest.mark.django_db(transaction=transaction, databases=["postgres"]),
                pytest.mark.postgres,
            ],
            id="postgres",
        ),
    ]
