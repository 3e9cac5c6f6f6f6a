"""Seen items built from one recognised GitHub REST API object.

Each builder reads only what its record holds. A missing field reads as empty (the schema
drifted over the years); a field of the wrong type raises FieldError for the caller to report.
"""

import re
from collections.abc import Callable

import attrs

from core.sources.fields import FieldError, Fields, shown
from core.sources.text import clean_text
from trackers.github.records import (
    AccountSeen,
    CommitSeen,
    FileChange,
    GitHubSeen,
    IssueCommentSeen,
    IssueSeen,
    PersonClaim,
    PullRequestSeen,
    RepositorySeen,
    ReviewCommentSeen,
    ReviewSeen,
)
from trackers.github.sources.git_identity import co_authors, commit_message, git_person
from trackers.github.sources.rest_repositories import (
    item_repository,
    mentioned_repository,
    repository_seen,
)
from trackers.github.sources.rest_shapes import Shape
from trackers.github.sources.rest_users import (
    account_from,
    assignees,
    field_account,
    is_user_object,
)

# SHA-1 object names, or SHA-256 ones for repositories converted to the new hash.
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_PULL_NUMBER = re.compile(r"/pulls/([0-9]{1,18})(?:[/?#]|$)")
_ISSUE_NUMBER = re.compile(r"/issues/([0-9]{1,18})(?:[/?#]|$)")


@attrs.frozen
class Built:
    """A seen item, the repository it belongs to (to be recorded before it if new), and the
    items that come with it (a commit's file changes)."""

    record: GitHubSeen
    repository: RepositorySeen | None = None
    also: tuple[GitHubSeen, ...] = ()


# What an issue and a pull request both say, each under the key of its field's name.
_ISSUE_TEXT = ("title", "state", "body")
_ISSUE_TIMES = ("created_at", "updated_at", "closed_at")
_COMMENT = ("body", "created_at", "updated_at")


def build(shape: Shape, item: Fields) -> Built:
    return _BUILDERS[shape](item)


def _posted(item: Fields, record: Callable[..., GitHubSeen], **fields: object) -> Built:
    """A record of ``record``'s class built from ``item``, in the item's repository, with its
    ``id`` and its author (``user``), which every issue, pull request, review and comment holds,
    and ``fields``; ``github_id`` in ``fields`` replaces the item's."""
    repository = item_repository(item)
    if "github_id" not in fields:
        fields["github_id"] = item.required_integer("id")
    seen = record(repository=repository, author=field_account(item, "user"), **fields)
    return Built(seen, mentioned_repository(item, repository))


def _issue(item: Fields) -> Built:
    """An /issues item: an issue, or a pull request seen through its issue."""
    pull = item.child("pull_request")
    if pull is not None and _links_somewhere(pull):
        return _posted(
            item,
            PullRequestSeen,
            # The id here is the issue's, not the pull request's: /pulls gives that one.
            github_id=None,
            labels=labels(item),
            assignees=assignees(item),
            # A late addition to the issue list's pull_request object: older pages lack it.
            merged_at=pull.iso_moment("merged_at"),
            **item.same_named(PullRequestSeen, "number", *_ISSUE_TEXT, *_ISSUE_TIMES),
        )
    return _posted(
        item,
        IssueSeen,
        labels=labels(item),
        assignees=assignees(item),
        **item.same_named(IssueSeen, "number", "state_reason", *_ISSUE_TEXT, *_ISSUE_TIMES),
    )


def _links_somewhere(pull: Fields) -> bool:
    """Until about 2013 every /issues item had a ``pull_request`` object; a plain issue's
    held only nulls (``{"html_url": null, "diff_url": null, "patch_url": null}``)."""
    return any(value is not None for value in pull.data.values())


def _pull_request(item: Fields) -> Built:
    """A /pulls item."""
    return _posted(
        item,
        PullRequestSeen,
        labels=labels(item),
        assignees=assignees(item),
        head_sha=_sha(item.required_child("head"), "sha"),
        base_sha=_sha(item.required_child("base"), "sha"),
        **item.same_named(PullRequestSeen, "number", "merged_at", *_ISSUE_TEXT, *_ISSUE_TIMES),
    )


def _review(item: Fields) -> Built:
    """A /pulls/{n}/reviews item."""
    return _posted(
        item,
        ReviewSeen,
        pull_number=_number_in(item, "pull_request_url", _PULL_NUMBER),
        # commit_id may be null or absent in saved reviews: "" then.
        commit_sha=_sha(item, "commit_id"),
        **item.same_named(ReviewSeen, "state", "body", "submitted_at"),
    )


def _review_comment(item: Fields) -> Built:
    """A /pulls/comments item: a comment on a line of the diff."""
    return _posted(
        item,
        ReviewCommentSeen,
        pull_number=_number_in(item, "pull_request_url", _PULL_NUMBER),
        # Both appeared years after the endpoint did.
        review_id=item.integer("pull_request_review_id"),
        **item.same_named(ReviewCommentSeen, "in_reply_to_id", "path", *_COMMENT),
    )


def _issue_comment(item: Fields) -> Built:
    """An /issues/comments item: a comment in an issue's or a pull request's conversation."""
    return _posted(
        item,
        IssueCommentSeen,
        issue_number=_number_in(item, "issue_url", _ISSUE_NUMBER),
        **item.same_named(IssueCommentSeen, *_COMMENT),
    )


def _commit(item: Fields) -> Built:
    """A /commits item: the git commit under ``commit``, the linked accounts beside it."""
    repository = item_repository(item)
    git = item.required_child("commit")
    git_author = git.child("author")
    git_committer = git.child("committer")
    message = commit_message(git.text("message"))
    author = _commit_person(item, "author", git_author)
    record = CommitSeen(
        repository=repository,
        sha=_required_sha(item, "sha"),
        author=author,
        committer=_commit_person(item, "committer", git_committer),
        co_authors=co_authors(message, author),
        authored_at=git_author.iso_moment("date") if git_author else None,
        committed_at=git_committer.iso_moment("date") if git_committer else None,
        message=message,
        parents=_parents(item),
    )
    return Built(record, mentioned_repository(item, repository), _files(item, record))


def _files(item: Fields, commit: CommitSeen) -> tuple[FileChange, ...]:
    """The ``files`` of a single-commit response (``/commits/{sha}``); lists omit them.

    GitHub does not say whether a file is binary: it gives no ``patch`` for one, but none for a
    diff too big to show either. A file with a patch, or with lines counted, is not binary;
    otherwise it is not known."""
    changes: list[FileChange] = []
    for file in item.children("files") or ():
        path = file.text("filename")
        if not path:
            raise file.missing("filename")
        additions = file.integer("additions") or 0
        deletions = file.integer("deletions") or 0
        counted = file.has("patch") or additions > 0 or deletions > 0
        changes.append(
            FileChange(
                repository=commit.repository,
                sha=commit.sha,
                path=path,
                previous_path=file.text("previous_filename"),
                additions=additions,
                deletions=deletions,
                is_binary=False if counted else None,
            )
        )
    return tuple(changes)


def _repository(item: Fields) -> Built:
    return Built(repository_seen(item))


def _user(item: Fields) -> Built:
    account = account_from(dict(item.data), "")
    if account is None:  # the shape guarantees login and id; kept for the type checker
        raise FieldError("a user object needs an id or a login")
    return Built(AccountSeen(account))


_BUILDERS: dict[Shape, Callable[[Fields], Built]] = {
    Shape.ISSUE: _issue,
    Shape.PULL_REQUEST: _pull_request,
    Shape.REVIEW: _review,
    Shape.REVIEW_COMMENT: _review_comment,
    Shape.ISSUE_COMMENT: _issue_comment,
    Shape.COMMIT: _commit,
    Shape.REPOSITORY: _repository,
    Shape.USER: _user,
}


def labels(item: Fields) -> tuple[str, ...] | None:
    """Label names, each once, in order; None when the item does not list labels.

    Label objects carry ``name``; some old saved data lists the names as plain strings.
    """
    entries = item.array("labels")
    if entries is None:
        return None
    names: list[str] = []
    for index, entry in enumerate(entries):
        where = f"{item.name('labels')}[{index}]"
        if isinstance(entry, str):
            name = clean_text(entry)
        elif isinstance(entry, dict):
            name = Fields(entry, where).text("name")
        else:
            raise FieldError(f"{where} should be a label object or a name, not {shown(entry)}")
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _commit_person(item: Fields, key: str, git: Fields | None) -> PersonClaim | None:
    """The linked account when GitHub linked one, else the git identity (which may itself
    be a noreply address naming an account)."""
    linked = item.raw(key)
    if is_user_object(linked):
        return account_from(linked, item.name(key))
    if linked is not None and not isinstance(linked, dict):
        raise item.wrong(key, "a user object")
    if git is None:
        return None
    return git_person(git.text("name"), git.text("email"))


def _parents(item: Fields) -> tuple[str, ...]:
    return tuple(_required_sha(parent, "sha") for parent in item.children("parents") or ())


def _required_sha(item: Fields, key: str) -> str:
    sha = _sha(item, key)
    if not sha:
        raise item.missing(key)
    return sha


def _sha(item: Fields, key: str) -> str:
    """A commit id in lower case, or "" when absent."""
    sha = item.text(key).strip().lower()
    if sha and not _SHA.fullmatch(sha):
        raise FieldError(f"{item.name(key)} is not a commit id: {sha[:70]!r}")
    return sha


def _number_in(item: Fields, key: str, pattern: re.Pattern[str]) -> int:
    """The issue or pull request number at the end of an API URL such as ``.../pulls/12``."""
    url = item.text(key)
    match = pattern.search(url)
    if match is None:
        raise FieldError(f"{item.name(key)} names no number: {url[:100]!r}")
    return int(match[1])
