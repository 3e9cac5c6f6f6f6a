"""The hub's typed errors. Trackers catch these to report a record as skipped."""


class IdentityError(ValueError):
    """Base of every error the identity hub raises on bad input or a missing target."""


class InvalidProfileClaim(IdentityError):
    """A claim whose values cannot name a profile (empty key, bad id, over-long text)."""


class InvalidEmail(IdentityError):
    """An address that is not of the form local@domain."""


class ProfileNotFound(IdentityError):
    """A reference to a profile that the hub does not hold."""


class IdentityNotFound(IdentityError):
    """A reference to a person that the hub does not hold."""


class EmailNotFound(IdentityError):
    """An address that the profile does not have."""


class IdentityLocked(IdentityError):
    """A change an automatic job asked for, to an identity a user has locked."""


class IdentityRetired(IdentityError):
    """A change to an identity that a merge folded into another; unmerge it first."""


class MergeNotFound(IdentityError):
    """A reference to a merge operation that the hub does not hold."""


class AlreadyUnmerged(IdentityError):
    """An unmerge of a merge that has been undone already."""


class InvalidMerge(IdentityError):
    """A merge without identities to fold, or one that folds an identity into itself."""


class ErasedPerson(IdentityError):
    """A claim naming a person erased on request: the hub keeps no profile for them again."""
