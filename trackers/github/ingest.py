"""Ingesting GitHub activity: parse -> resolve people in bulk -> upsert -> summary.

Each batch is one unit of work. An item a reader could not understand, or a record naming a
person the hub refuses, is skipped and reported; the rest of its batch is stored. Nothing is
ever deleted except what the source itself reconciles: a sighting's labels and assignees
replace the stored ones (an assignee removed upstream disappears here too).
"""

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import attrs

from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from core.protocols.errors import IdentityError
from core.protocols.identity import ProfileResolver
from core.protocols.ingest import IngestSummary, Outcome, SourceProblem, ingest_in_batches
from core.protocols.refs import GitAuthorRef, GitHubAccountRef
from core.protocols.storage import RecordStore
from trackers.github.merging import merged
from trackers.github.ports import (
    GitHubUnitOfWork,
    commit_key,
    github_id_key,
    number_key,
    repository_key_of,
)
from trackers.github.records import (
    AccountSeen,
    Commit,
    CommitSeen,
    GitHubSeen,
    Issue,
    IssueComment,
    IssueCommentSeen,
    IssueSeen,
    PersonClaim,
    PersonRef,
    PullRequest,
    PullRequestSeen,
    Repository,
    RepositorySeen,
    Review,
    ReviewComment,
    ReviewCommentSeen,
    ReviewSeen,
    repository_key,
)

BATCH_SIZE = 500
UNREADABLE = "github.item"


class _Refused(Exception):
    """A record names a person the hub will not take."""


@attrs.define
class _People:
    """The batch's people, resolved in two bulk calls (one per profile kind)."""

    accounts: dict[GitHubAccountClaim, GitHubAccountRef | IdentityError | None]
    authors: dict[GitAuthorClaim, GitAuthorRef | IdentityError | None]

    def account(self, claim: GitHubAccountClaim | None) -> GitHubAccountRef | None:
        if claim is None:
            return None
        ref = self.accounts[claim]
        if isinstance(ref, IdentityError):
            raise _Refused(f"GitHub account {claim.login or claim.github_id!r}: {ref}")
        return ref

    def person(self, claim: PersonClaim | None) -> PersonRef | None:
        if isinstance(claim, GitAuthorClaim):
            ref = self.authors[claim]
            if isinstance(ref, IdentityError):
                raise _Refused(f"git author {claim.name!r} <{claim.email}>: {ref}")
            return ref
        return self.account(claim)


def ingest_github(
    items: Iterable[GitHubSeen | SourceProblem],
    uow: GitHubUnitOfWork,
    people: ProfileResolver,
    *,
    origin: str,
    batch_size: int | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> IngestSummary:
    def store(seen: list[GitHubSeen], summary: IngestSummary) -> None:
        _store_batch(seen, uow, people, origin, summary)

    return ingest_in_batches(
        store,
        items,
        unreadable=UNREADABLE,
        batch_size=batch_size or BATCH_SIZE,
        advance=advance,
    )


def _store_batch(
    seen: list[GitHubSeen],
    uow: GitHubUnitOfWork,
    people: ProfileResolver,
    origin: str,
    summary: IngestSummary,
) -> None:
    with uow:
        resolved = _resolve(seen, people)
        records: dict[type, list[tuple[Any, frozenset[str]]]] = {}
        for item in seen:
            if isinstance(item, AccountSeen):
                continue
            try:
                record, unknown = _record(item, resolved)
            except _Refused as refusal:
                record_type = TABLES[type(item)].record_type
                where = f"{record_type} {_describe(item)}"
                summary.problem(SourceProblem(origin, where, str(refusal)), record_type)
                continue
            records.setdefault(type(item), []).append((record, unknown))
        for seen_type, pairs in records.items():
            table = TABLES[seen_type]
            _upsert(table.store(uow), table.key, pairs, table.record_type, summary)
        uow.commit()


def _resolve(seen: list[GitHubSeen], people: ProfileResolver) -> _People:
    accounts: list[GitHubAccountClaim] = []
    authors: list[GitAuthorClaim] = []

    def add(claim: PersonClaim | None) -> None:
        if isinstance(claim, GitAuthorClaim):
            authors.append(claim)
        elif claim is not None:
            accounts.append(claim)

    for item in seen:
        match item:
            case RepositorySeen():
                add(item.owner)
            case CommitSeen():
                add(item.author)
                add(item.committer)
                for co_author in item.co_authors:
                    add(co_author)
            case IssueSeen() | PullRequestSeen():
                add(item.author)
                for assignee in item.assignees or ():
                    add(assignee)
            case ReviewSeen() | IssueCommentSeen() | ReviewCommentSeen():
                add(item.author)
            case AccountSeen():
                add(item.account)
    unique_accounts = list(dict.fromkeys(accounts))
    unique_authors = list(dict.fromkeys(authors))
    return _People(
        dict(zip(unique_accounts, people.get_or_create_each(unique_accounts), strict=True)),
        dict(zip(unique_authors, people.get_or_create_each(unique_authors), strict=True)),
    )


def _record(item: GitHubSeen, people: _People) -> tuple[Any, frozenset[str]]:
    """The stored form of a seen item, and the fields the item had no value for."""
    match item:
        case RepositorySeen():
            return (
                Repository(
                    key=repository_key(item.full_name),
                    full_name=item.full_name,
                    owner=people.account(item.owner),
                    github_id=item.github_id,
                    description=item.description,
                    is_fork=item.is_fork,
                    created_at=item.created_at,
                    updated_at=item.updated_at,
                ),
                frozenset(),
            )
        case CommitSeen():
            return (
                Commit(
                    repository=repository_key(item.repository),
                    sha=item.sha.lower(),
                    author=people.person(item.author),
                    committer=people.person(item.committer),
                    co_authors=tuple(
                        ref for ref in map(people.person, item.co_authors) if ref is not None
                    ),
                    authored_at=item.authored_at,
                    committed_at=item.committed_at,
                    message=item.message,
                    parents=item.parents,
                ),
                frozenset(),
            )
        case IssueSeen():
            return (
                Issue(
                    repository=repository_key(item.repository),
                    number=item.number,
                    github_id=item.github_id,
                    title=item.title,
                    state=item.state,
                    state_reason=item.state_reason,
                    author=people.account(item.author),
                    labels=item.labels or (),
                    assignees=_assignees(item.assignees, people),
                    body=item.body,
                    created_at=item.created_at,
                    updated_at=item.updated_at,
                    closed_at=item.closed_at,
                ),
                _unknown_lists(item.labels, item.assignees),
            )
        case PullRequestSeen():
            return (
                PullRequest(
                    repository=repository_key(item.repository),
                    number=item.number,
                    github_id=item.github_id,
                    title=item.title,
                    state=item.state,
                    author=people.account(item.author),
                    labels=item.labels or (),
                    assignees=_assignees(item.assignees, people),
                    body=item.body,
                    head_sha=item.head_sha,
                    base_sha=item.base_sha,
                    created_at=item.created_at,
                    updated_at=item.updated_at,
                    closed_at=item.closed_at,
                    merged_at=item.merged_at,
                ),
                _unknown_lists(item.labels, item.assignees),
            )
        case ReviewSeen():
            return (
                Review(
                    github_id=item.github_id,
                    repository=repository_key(item.repository),
                    pull_number=item.pull_number,
                    author=people.account(item.author),
                    state=item.state,
                    body=item.body,
                    commit_sha=item.commit_sha,
                    submitted_at=item.submitted_at,
                ),
                frozenset(),
            )
        case IssueCommentSeen():
            return (
                IssueComment(
                    github_id=item.github_id,
                    repository=repository_key(item.repository),
                    issue_number=item.issue_number,
                    author=people.account(item.author),
                    body=item.body,
                    created_at=item.created_at,
                    updated_at=item.updated_at,
                ),
                frozenset(),
            )
        case ReviewCommentSeen():
            return (
                ReviewComment(
                    github_id=item.github_id,
                    repository=repository_key(item.repository),
                    pull_number=item.pull_number,
                    author=people.account(item.author),
                    body=item.body,
                    path=item.path,
                    review_id=item.review_id,
                    in_reply_to_id=item.in_reply_to_id,
                    created_at=item.created_at,
                    updated_at=item.updated_at,
                ),
                frozenset(),
            )
    raise TypeError(f"not a GitHub record: {item!r}")


def _assignees(
    claims: tuple[GitHubAccountClaim, ...] | None, people: _People
) -> tuple[GitHubAccountRef, ...]:
    refs = (people.account(claim) for claim in claims or ())
    # ghost and other placeholders name nobody: they are no assignee.
    return tuple(dict.fromkeys(ref for ref in refs if ref is not None))


def _unknown_lists(labels: object, assignees: object) -> frozenset[str]:
    return frozenset(
        name for name, value in (("labels", labels), ("assignees", assignees)) if value is None
    )


def _describe(item: GitHubSeen) -> str:
    match item:
        case RepositorySeen():
            return item.full_name
        case CommitSeen():
            return f"{item.repository}@{item.sha}"
        case IssueSeen() | PullRequestSeen():
            return f"{item.repository}#{item.number}"
        case ReviewSeen() | IssueCommentSeen() | ReviewCommentSeen():
            return f"{item.repository} id {item.github_id}"
    return repr(item)


@attrs.frozen
class _Table:
    """Where one seen type's records go: its store, its natural key, its record type."""

    store: Callable[[GitHubUnitOfWork], RecordStore[Any, Any]]
    key: Callable[[Any], Hashable]
    record_type: str


TABLES: dict[type, _Table] = {
    RepositorySeen: _Table(lambda u: u.repositories, repository_key_of, "github.repository"),
    CommitSeen: _Table(lambda u: u.commits, commit_key, "github.commit"),
    IssueSeen: _Table(lambda u: u.issues, number_key, "github.issue"),
    PullRequestSeen: _Table(lambda u: u.pull_requests, number_key, "github.pull_request"),
    ReviewSeen: _Table(lambda u: u.reviews, github_id_key, "github.review"),
    IssueCommentSeen: _Table(lambda u: u.issue_comments, github_id_key, "github.issue_comment"),
    ReviewCommentSeen: _Table(lambda u: u.review_comments, github_id_key, "github.review_comment"),
}


def _upsert(
    store: RecordStore[Any, Any],
    key_of: Callable[[Any], Hashable],
    pairs: Sequence[tuple[Any, frozenset[str]]],
    record_type: str,
    summary: IngestSummary,
) -> None:
    # Sightings of one record within the batch fold into one, in order.
    incoming: dict[Hashable, Any] = {}
    unknown: dict[Hashable, frozenset[str]] = {}
    for record, missing in pairs:
        key = key_of(record)
        if key in incoming:
            summary.count(record_type, Outcome.UNCHANGED)
        incoming[key] = merged(incoming.get(key), record, unknown=missing)
        unknown[key] = unknown.get(key, missing) & missing
    stored = store.get_many(incoming.keys())
    added, updated = [], []
    for key, record in incoming.items():
        if key not in stored:
            added.append(record)
            continue
        result = merged(stored[key], record, unknown=unknown[key])
        if result == stored[key]:
            summary.count(record_type, Outcome.UNCHANGED)
        else:
            updated.append(result)
    store.add_many(added)
    store.update_many(updated)
    summary.count(record_type, Outcome.ADDED, len(added))
    summary.count(record_type, Outcome.UPDATED, len(updated))
