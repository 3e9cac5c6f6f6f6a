"""The identity hub's domain logic: natural keys, normalisation and use cases. Pure Python:
no framework, no storage; it works through the ports in core.protocols."""

from core.identity.hub import IdentityHub
from core.identity.keys import natural_key

__all__ = ["IdentityHub", "natural_key"]
