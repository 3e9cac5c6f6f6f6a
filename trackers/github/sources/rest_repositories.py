"""Which repository an item belongs to, read from the URLs inside it, and repository objects."""

import re

from core.protocols.claims import GitHubAccountClaim
from core.sources.fields import FieldError, Fields
from trackers.github.records import RepositorySeen
from trackers.github.sources.rest_users import field_account

# The fields that point into the item's repository, most specific first. A user's ``url``
# (api.github.com/users/...) matches neither pattern, so it cannot be mistaken for one.
_URL_FIELDS = ("repository_url", "url", "html_url", "pull_request_url", "issue_url")
# API URLs on github.com and on GitHub Enterprise (https://host/api/v3/repos/...).
_API_URL = re.compile(r"^https?://[^/\s]+/(?:api/v3/)?repos/(?P<owner>[^/\s]+)/(?P<name>[^/?#\s]+)")
_WEB_URL = re.compile(r"^https?://(?:www\.)?github\.com/(?P<owner>[^/\s]+)/(?P<name>[^/?#\s]+)")
# github.com/orgs/..., /users/..., /settings/... are pages, not repositories.
_NOT_OWNERS = frozenset({"orgs", "users", "settings", "apps", "marketplace", "sponsors"})


def repository_from_url(url: str) -> str | None:
    """``owner/name`` from an API or web URL into a repository, else None."""
    match = _API_URL.match(url) or _WEB_URL.match(url)
    if match is None or match["owner"].casefold() in _NOT_OWNERS:
        return None
    return f"{match['owner']}/{match['name']}"


def item_repository(item: Fields) -> str:
    """The full name of the repository an item belongs to, as its URLs spell it."""
    for key in _URL_FIELDS:
        name = repository_from_url(item.text(key))
        if name is not None:
            return name
    embedded = item.child("repository")
    if embedded is not None and embedded.text("full_name"):
        return embedded.text("full_name")
    raise FieldError(f"no repository URL in any of {', '.join(_URL_FIELDS)}")


def repository_seen(repository: Fields) -> RepositorySeen:
    """A repository object (``/repos/{o}/{r}``, ``/orgs/{o}/repos`` items, or embedded)."""
    full_name = repository.text("full_name")
    if "/" not in full_name.strip("/"):
        raise FieldError(f"{repository.name('full_name')} is not owner/name: {full_name!r}")
    return RepositorySeen(
        full_name=full_name,
        owner=field_account(repository, "owner") or owner_from_name(full_name),
        github_id=repository.integer("id"),
        description=repository.text("description"),
        is_fork=repository.flag("fork"),
        created_at=repository.iso_moment("created_at"),
        updated_at=repository.iso_moment("updated_at"),
    )


def mentioned_repository(item: Fields, full_name: str) -> RepositorySeen:
    """The repository to record before an item that belongs to it: the embedded repository
    object when the item carries one (``repository``, a pull request's ``base.repo``), so
    the owner is a full account; otherwise the name alone, its owner known by login."""
    for embedded in _embedded_repositories(item):
        if embedded.text("full_name").casefold() == full_name.casefold():
            return repository_seen(embedded)
    return RepositorySeen(full_name=full_name, owner=owner_from_name(full_name))


def owner_from_name(full_name: str) -> GitHubAccountClaim:
    return GitHubAccountClaim(login=full_name.strip("/").split("/", 1)[0])


def _embedded_repositories(item: Fields) -> list[Fields]:
    found = [item.child("repository")]
    base = item.child("base")
    if base is not None:
        found.append(base.child("repo"))
    return [repository for repository in found if repository is not None]
