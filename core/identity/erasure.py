"""Tombstones: what the hub keeps of a profile that is gone, so that it stays gone.

A profile folded into another, or erased on request, leaves a tombstone per key that could
name it again in a later collect: its natural key and, for a GitHub account, its login. A
tombstone holds a keyed hash of that key (HMAC-SHA256), never the key itself: an erased
person's address is not kept in a form anyone can read back, yet a claim naming it again is
recognised. The key of the hash comes from the deployment (``TRACKERHUB_ERASURE_KEY``) or,
failing that, from the database itself.
"""

import hashlib
import hmac

from core.identity.keys import GITHUB_LOGIN_PREFIX
from core.protocols.records import ProfileRecord
from core.protocols.refs import ProfileKind


def seal(secret: bytes, kind: ProfileKind, key: str) -> str:
    """The tombstone digest of a profile key of ``kind``."""
    message = f"{kind.value}\x1f{key}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def tombstone_digests(secret: bytes, record: ProfileRecord) -> set[str]:
    """Every digest under which a claim could name the profile again."""
    digests = {seal(secret, record.kind, record.key)}
    if record.kind is ProfileKind.GITHUB and record.username:
        digests.add(seal(secret, record.kind, GITHUB_LOGIN_PREFIX + record.username.casefold()))
    return digests
