"""In-memory implementations of every port: good enough to run the product, and what the
unit tests run on."""

from adapters.memory.identity import IdentityStore, MemoryIdentityRepository
from adapters.memory.unit_of_work import MemoryUnitOfWork

__all__ = ["IdentityStore", "MemoryIdentityRepository", "MemoryUnitOfWork"]
