"""GitHub user objects (``user``, ``author``, ``assignee``, ``owner``, ...) as account claims."""

from core.protocols.claims import GitHubAccountClaim, GitHubAccountType
from core.sources.fields import FieldError, Fields, shown

_ACCOUNT_TYPES = {
    "user": GitHubAccountType.USER,
    "organization": GitHubAccountType.ORGANIZATION,
    "bot": GitHubAccountType.BOT,
    "enterprise": GitHubAccountType.ENTERPRISE,
}


def account_type(value: str) -> GitHubAccountType | None:
    """``type`` as the API spells it; a type GitHub adds later is not an error, just unknown."""
    return _ACCOUNT_TYPES.get(value.casefold())


def is_user_object(value: object) -> bool:
    """A real user object names an account; ``{}`` (a deleted reviewer, or a commit author
    GitHub could not link) and ``null`` do not."""
    return isinstance(value, dict) and ("login" in value or "id" in value)


def account_from(value: object, field: str) -> GitHubAccountClaim | None:
    """The account a user object names, or None for ``null`` and ``{}``.

    ``ghost`` (a deleted account) passes through: the hub knows it names nobody.
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FieldError(f"{field} should be a user object, not {shown(value)}")
    user = Fields(value, field)
    github_id = user.integer("id")
    login = user.text("login")
    if github_id is None and not login:
        return None
    return GitHubAccountClaim(
        github_id=github_id,
        login=login,
        # Only /users/{login} carries the profile's name and public email; lists omit them.
        display_name=user.text("name"),
        avatar_url=user.text("avatar_url"),
        account_type=account_type(user.text("type")),
        email=user.text("email"),
    )


def field_account(fields: Fields, key: str) -> GitHubAccountClaim | None:
    return account_from(fields.raw(key), fields.name(key))


def accounts_in(fields: Fields, key: str) -> tuple[GitHubAccountClaim, ...] | None:
    """A list of user objects, skipping ``null`` and ``{}`` entries; None when absent."""
    items = fields.array(key)
    if items is None:
        return None
    accounts = (account_from(item, f"{fields.name(key)}[{i}]") for i, item in enumerate(items))
    return tuple(account for account in accounts if account is not None)


def assignees(fields: Fields) -> tuple[GitHubAccountClaim, ...] | None:
    """Who is assigned, as a set that replaces the stored one, or None if the item does not say.

    ``assignees`` (even empty) is the full list; data older than multiple assignees has only
    ``assignee``, which is the whole list too (``null`` meaning nobody).
    """
    listed = accounts_in(fields, "assignees")
    if listed is not None:
        return listed
    if not fields.has("assignee"):
        return None
    only = field_account(fields, "assignee")
    return () if only is None else (only,)
