"""Which kind of GitHub record a decoded object is, told by its keys, never by the file name.

Saved files are named by whoever saved them, and one folder often mixes endpoints. Each
endpoint's items carry a few keys no other endpoint's items carry together; the checks run
from the most specific shape to the least, because several shapes share keys (issues,
pull requests and comments all have ``body``, ``user`` and ``html_url``).
"""

from collections.abc import Mapping
from enum import StrEnum


class Shape(StrEnum):
    REVIEW_COMMENT = "review comment"
    REVIEW = "review"
    ISSUE_COMMENT = "issue comment"
    PULL_REQUEST = "pull request"
    ISSUE = "issue"
    COMMIT = "commit"
    REPOSITORY = "repository"
    USER = "user"


def recognise(item: Mapping[str, object]) -> Shape | None:
    # /pulls/comments: the diff hunk is what sets a review comment apart from a review.
    if "diff_hunk" in item and "pull_request_url" in item:
        return Shape.REVIEW_COMMENT
    if "pull_request_url" in item and "state" in item and _any(item, "submitted_at", "commit_id"):
        return Shape.REVIEW
    # /pulls items: only a pull request has both ends of its branch. Checked before issue
    # comments, since a pull request also has an issue_url and a body.
    if _has_sha(item.get("head")) and _has_sha(item.get("base")):
        return Shape.PULL_REQUEST
    if "issue_url" in item and "body" in item and not _any(item, "diff_hunk", "number"):
        return Shape.ISSUE_COMMENT
    if _is_issue(item):
        return Shape.ISSUE
    if "sha" in item and isinstance(item.get("commit"), dict):
        return Shape.COMMIT
    if "full_name" in item and "owner" in item:
        return Shape.REPOSITORY
    if _all(item, "login", "id", "type") and not _any(item, "number", "sha"):
        return Shape.USER
    return None


def is_error_response(item: Mapping[str, object]) -> bool:
    """``{"message": "Not Found", "documentation_url": ...}``: a failed request saved as a page."""
    return "message" in item and "documentation_url" in item


def _is_issue(item: Mapping[str, object]) -> bool:
    if not _all(item, "number", "title", "state", "user"):
        return False
    html_url = item.get("html_url")
    # Old /issues items have no repository_url, and a pull request among them has an html_url
    # ending /pull/N: its pull_request key still marks it as an issue-list item.
    return (
        (isinstance(html_url, str) and "/issues/" in html_url)
        or "repository_url" in item
        or "pull_request" in item
    )


def _has_sha(value: object) -> bool:
    return isinstance(value, dict) and "sha" in value


def _all(item: Mapping[str, object], *keys: str) -> bool:
    return all(key in item for key in keys)


def _any(item: Mapping[str, object], *keys: str) -> bool:
    return any(key in item for key in keys)
