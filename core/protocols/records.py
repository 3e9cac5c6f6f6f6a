"""What the hub stores, as the repository port hands it over: plain frozen values."""

import attrs

from core.protocols.refs import IdentityRef, ProfileKind, ProfileRef, ref_of


@attrs.frozen
class ProfileDraft:
    """A profile about to be stored: every field but the id the store assigns."""

    kind: ProfileKind
    key: str
    display_name: str = ""
    username: str = ""
    external_id: str = ""
    avatar_url: str = ""
    account_type: str = ""
    is_bot: bool = False


@attrs.frozen
class ProfileRecord:
    """A stored profile. ``key`` is its natural key, unique within its kind."""

    id: int
    kind: ProfileKind
    key: str
    display_name: str = ""
    username: str = ""
    external_id: str = ""
    avatar_url: str = ""
    account_type: str = ""
    is_bot: bool = False
    identity_id: int | None = None

    @property
    def ref(self) -> ProfileRef:
        return ref_of(self.kind, self.id)

    @property
    def identity(self) -> IdentityRef | None:
        return None if self.identity_id is None else IdentityRef(self.identity_id)


# The profile fields a get-or-create may change on an existing row, in a fixed order so
# that adapters can write exactly these columns.
MUTABLE_PROFILE_FIELDS: tuple[str, ...] = (
    "key",
    "display_name",
    "username",
    "external_id",
    "avatar_url",
    "account_type",
    "is_bot",
)


@attrs.frozen
class EmailRecord:
    """An address of a profile. Addresses are stored normalised (see core.identity)."""

    profile_id: int
    address: str
    is_primary: bool = False
    is_active: bool = True


@attrs.frozen
class IdentityRecord:
    """A person. ``display_name`` is a label, not a key: two persons may share it."""

    id: int
    display_name: str = ""
    description: str = ""
    # A locked identity refuses changes that automatic jobs ask for.
    is_locked: bool = False
    # Set when a merge folded this identity into another; it is kept, retired, for unmerge.
    merged_into_id: int | None = None

    @property
    def ref(self) -> IdentityRef:
        return IdentityRef(self.id)

    @property
    def merged_into(self) -> IdentityRef | None:
        return None if self.merged_into_id is None else IdentityRef(self.merged_into_id)


# The identity fields a merge fills in the identity merged into, when it lacks them.
MERGED_IDENTITY_FIELDS: tuple[str, ...] = ("display_name", "description")


@attrs.frozen
class ProfileSnapshot:
    """A profile as the hub reports it: the record, its typed reference and its emails."""

    record: ProfileRecord
    emails: tuple[EmailRecord, ...] = ()

    @property
    def ref(self) -> ProfileRef:
        return self.record.ref

    @property
    def primary_email(self) -> str | None:
        return next((e.address for e in self.emails if e.is_primary), None)
