"""Saved GitHub REST API responses read into seen items (formats.md, "GitHub REST API JSON").

The fixtures under tests/fixtures/github/rest are small pages in the real API's shape, one per
endpoint and quirk; tests/fixtures/github/rest/broken holds the files that cannot be read.
"""

import functools
import json
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim, GitHubAccountType
from core.protocols.ingest import SourceProblem
from core.sources.files import files_under
from trackers.github.records import (
    AccountSeen,
    Commit,
    CommitSeen,
    FileChange,
    GitHubSeen,
    Issue,
    IssueComment,
    IssueCommentSeen,
    IssueSeen,
    PullRequest,
    PullRequestSeen,
    Repository,
    RepositorySeen,
    Review,
    ReviewComment,
    ReviewCommentSeen,
    ReviewSeen,
)
from trackers.github.sources.git_identity import co_authors, noreply_account
from trackers.github.sources.rest_json import read_rest_json
from trackers.github.sources.rest_repositories import repository_from_url

FIXTURES = Path(__file__).parents[2] / "fixtures" / "github" / "rest"
BROKEN = FIXTURES / "broken"
REPO = "octo-org/hello-world"
AVATARS = "https://avatars.githubusercontent.com"
OLD_AVATAR = (
    "https://secure.gravatar.com/avatar/7194e8d48fa1d2b689f99443b767316c?d=https://a248.e."
    "akamai.net/assets.github.com%2Fimages%2Fgravatars%2Fgravatar-user-420.png"
)

USER = GitHubAccountType.USER
OCTOCAT = GitHubAccountClaim(583231, "octocat", "", f"{AVATARS}/u/583231?v=4", USER)
MONA = GitHubAccountClaim(2865417, "mona", "", f"{AVATARS}/u/2865417?v=4", USER)
GHOST = GitHubAccountClaim(10137, "ghost", "", f"{AVATARS}/u/10137?v=4", USER)
WEB_FLOW = GitHubAccountClaim(19864447, "web-flow", "", f"{AVATARS}/u/19864447?v=4", USER)
DEPENDABOT = GitHubAccountClaim(
    49699333, "dependabot[bot]", "", f"{AVATARS}/in/49699333?v=4", GitHubAccountType.BOT
)
ACTIONS = GitHubAccountClaim(
    41898282, "github-actions[bot]", "", f"{AVATARS}/in/41898282?v=4", GitHubAccountType.BOT
)
OCTO_ORG = GitHubAccountClaim(
    6811672, "octo-org", "", f"{AVATARS}/u/6811672?v=4", GitHubAccountType.ORGANIZATION
)
OLD_OCTOCAT = GitHubAccountClaim(583231, "octocat", avatar_url=OLD_AVATAR)
# A repository known only from the URLs of its records: its owner is known by login alone.
MENTIONED = RepositorySeen(REPO, owner=GitHubAccountClaim(login="octo-org"))

type Read = GitHubSeen | SourceProblem


def read(path: Path) -> list[Read]:
    return list(read_rest_json(path))


def walk(*paths: Path) -> Iterator[Read]:
    """Every item in the files and folders named (``*.json`` files, recursively, sorted), each
    file read when the stream reaches it, as a collector walks them."""
    for found in files_under(paths, (".json",)):
        if isinstance(found, SourceProblem):
            yield found
        else:
            yield from read_rest_json(found)


def only[T](kind: type[T], items: Sequence[Read]) -> list[T]:
    return [item for item in items if isinstance(item, kind)]


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, s: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, s, tzinfo=UTC)


def write(folder: Path, name: str, content: object) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


# -- /issues pages ------------------------------------------------------------------------


def test_an_issues_page_announces_its_repository_then_yields_issues_and_pull_requests() -> None:
    # when the issue list, where pull requests appear among issues, is read
    items = read(FIXTURES / "issues_page.json")

    # then the repository comes first, once, and each item keeps its kind and order
    assert items[0] == MENTIONED
    assert [(type(item).__name__, getattr(item, "number", None)) for item in items[1:]] == [
        ("Issue", 1347),
        ("PullRequest", 1348),
        ("Issue", 1349),
        ("PullRequest", 1350),
    ]


def test_an_issue_carries_its_author_labels_assignees_body_and_dates() -> None:
    # given the first item of an issues page
    issue = only(Issue, read(FIXTURES / "issues_page.json"))[0]

    # then every field is read, dates as aware UTC datetimes
    assert issue == IssueSeen(
        repository=REPO,
        number=1347,
        github_id=1,
        title="Found a bug",
        state="open",
        author=OCTOCAT,
        labels=("bug",),
        assignees=(OCTOCAT, MONA),
        body="I'm having a problem with this.",
        created_at=at(2011, 4, 22, 13, 33, 48),
        updated_at=at(2011, 4, 22, 13, 33, 48),
    )


def test_a_pull_request_in_the_issue_list_has_no_github_id_and_its_merge_time() -> None:
    # given the pull requests seen through the issue list
    merged, still_open = only(PullRequest, read(FIXTURES / "issues_page.json"))

    # then the issue's id is not taken for the pull request's, and merged_at comes from the
    # pull_request object
    assert merged == PullRequestSeen(
        repository=REPO,
        number=1348,
        github_id=None,
        title="Bump actions/checkout from 3 to 4",
        state="closed",
        author=DEPENDABOT,
        labels=("dependencies",),
        assignees=(),
        body="Bumps [actions/checkout](https://github.com/actions/checkout) from 3 to 4.",
        created_at=at(2024, 3, 1, 9),
        updated_at=at(2024, 3, 2, 10, 0, 5),
        closed_at=at(2024, 3, 2, 10),
        merged_at=at(2024, 3, 2, 10),
    )
    assert still_open.merged_at is None
    assert still_open.github_id is None


def test_a_deleted_author_passes_through_as_the_ghost_account_with_a_null_body() -> None:
    # given an issue whose author deleted their account and which has no body
    issue = only(Issue, read(FIXTURES / "issues_page.json"))[1]

    # then the ghost account is the author (the hub maps it to nobody) and the body is empty
    assert issue.author == GHOST
    assert issue.body == ""
    assert issue.state_reason == "completed"
    assert issue.closed_at == at(2020, 1, 5, 8, 30)


# -- /pulls pages -------------------------------------------------------------------------


def test_a_pulls_page_gives_each_pull_request_its_own_id_and_branch_shas() -> None:
    # when a /pulls page is read
    first, second = only(PullRequest, read(FIXTURES / "pulls_page.json"))

    # then head and base shas, the pull request's own id and the merge time are read
    assert first == PullRequestSeen(
        repository=REPO,
        number=1350,
        github_id=1764289322,
        title="Add a greeting in Swedish",
        state="open",
        author=MONA,
        labels=("help wanted",),
        assignees=(),
        body="Adds `hej`.",
        head_sha="e5bd3914e2e596debea16f433f57875b5b90bcd6",
        base_sha="6dcb09b5b57875f334f61aebed695e2e4193db5e",
        created_at=at(2024, 3, 3, 15, 20),
        updated_at=at(2024, 3, 4, 8, 12, 45),
    )
    assert second.merged_at == at(2024, 3, 2, 10)
    assert second.assignees == (OCTOCAT,)


def test_a_pull_request_embedding_its_base_repository_announces_it_with_the_org_owner() -> None:
    # given a /pulls page, whose items embed the base repository and its owner
    items = read(FIXTURES / "pulls_page.json")

    # then the repository is announced first, with the organisation as a full account
    assert items[0] == RepositorySeen(
        full_name=REPO,
        owner=OCTO_ORG,
        github_id=1296269,
        description="This your first repo!",
        is_fork=False,
        created_at=at(2011, 1, 26, 19, 1, 12),
        updated_at=at(2024, 3, 4, 8, 12, 45),
    )
    # and the fork the head branch lives in is not mistaken for it
    assert only(Repository, items) == [items[0]]


def test_an_empty_object_for_a_deleted_requested_reviewer_does_not_stop_the_pull_request() -> None:
    # given a pull request whose requested_reviewers holds {} for a deleted reviewer
    items = read(FIXTURES / "pulls_page.json")

    # then it is read without a problem
    assert only(SourceProblem, items) == []
    assert [pr.number for pr in only(PullRequest, items)] == [1350, 1348]


# -- comments and reviews -----------------------------------------------------------------


def test_issue_comments_take_their_issue_number_from_the_issue_url() -> None:
    # when a page of /issues/comments is read
    items = read(FIXTURES / "issue_comments.json")

    # then each comment belongs to the issue its issue_url names, bots and ghosts included
    comments = only(IssueComment, items)
    assert [(c.issue_number, c.github_id, c.author) for c in comments] == [
        (1347, 1146825, OCTOCAT),
        (1350, 1979183322, GHOST),
        (1350, 1979183400, ACTIONS),
    ]
    assert comments[1].created_at == at(2024, 3, 3, 16)
    assert comments[1].updated_at == at(2024, 3, 3, 16, 5)


def test_nul_characters_are_stripped_from_text() -> None:
    # given a comment whose body holds two NUL characters
    comment = only(IssueComment, read(FIXTURES / "issue_comments.json"))[0]

    # then they are gone, the text around them kept
    assert comment.body == "Me too: the log ends with  and then nothing."


def test_review_comments_carry_their_path_review_and_reply() -> None:
    # when a page of /pulls/comments is read
    first, reply, old = only(ReviewComment, read(FIXTURES / "review_comments.json"))

    # then the pull request number comes from pull_request_url
    assert first == ReviewCommentSeen(
        repository=REPO,
        pull_number=1350,
        github_id=1512000001,
        author=OCTOCAT,
        body="Should this be `Hej!`?",
        path="greetings/sv.txt",
        review_id=1890001,
        in_reply_to_id=None,
        created_at=at(2024, 3, 4, 7),
        updated_at=at(2024, 3, 4, 7),
    )
    assert reply.in_reply_to_id == 1512000001
    # and a comment from before reviews existed has no review, and an old-style user
    assert (old.pull_number, old.review_id, old.path, old.author) == (
        12,
        None,
        "README",
        OLD_OCTOCAT,
    )


def test_reviews_carry_state_commit_and_submission_time() -> None:
    # when a page of /pulls/{n}/reviews is read
    reviews = only(Review, read(FIXTURES / "reviews.json"))

    # then each review is read with its state
    assert reviews[0] == ReviewSeen(
        repository=REPO,
        pull_number=1350,
        github_id=1890001,
        author=OCTOCAT,
        state="CHANGES_REQUESTED",
        body="One typo.",
        commit_sha="e5bd3914e2e596debea16f433f57875b5b90bcd6",
        submitted_at=at(2024, 3, 4, 7),
    )
    assert [r.state for r in reviews] == [
        "CHANGES_REQUESTED",
        "COMMENTED",
        "APPROVED",
        "DISMISSED",
        "PENDING",
    ]


def test_a_review_with_a_null_user_has_no_author_and_a_pending_one_no_submission_time() -> None:
    reviews = only(Review, read(FIXTURES / "reviews.json"))

    assert reviews[3].author is None
    assert reviews[4].submitted_at is None
    assert reviews[4].author == MONA


# -- /commits pages ------------------------------------------------------------------------


def commits() -> list[CommitSeen]:
    return only(Commit, read(FIXTURES / "commits_page.json"))


def test_a_commit_linked_to_accounts_names_them_and_lists_its_co_authors_in_order() -> None:
    # given a squash merge made on the web, with three Co-authored-by trailers
    squash = commits()[0]

    # then author and committer are the linked accounts (web-flow for a web merge)
    assert squash.author == OCTOCAT
    assert squash.committer == WEB_FLOW
    # and co-authors with noreply addresses of either style are accounts, others git identities
    assert squash.co_authors == (
        GitHubAccountClaim(github_id=2865417, login="mona"),
        GitHubAccountClaim(login="oldtimer"),
        GitAuthorClaim(name="Jane Doe", email="jane@example.com"),
    )
    assert squash.parents == ("553c2077f0edc3d5dc5d17262f6aa498e69d6f8e",)
    assert squash.authored_at == at(2024, 3, 4, 8, 20)
    assert squash.message.startswith("Add a greeting in Swedish (#1350)\n")


def test_noreply_addresses_of_unlinked_commits_name_the_account_in_both_styles() -> None:
    # given a commit whose author and committer are null, with noreply git addresses
    commit = commits()[1]

    # then the new style gives id and login, the legacy style the login alone
    assert commit.author == GitHubAccountClaim(github_id=1234567, login="hubber")
    assert commit.committer == GitHubAccountClaim(login="legacy-user")


def test_an_unlinked_commit_with_an_ordinary_address_keeps_its_git_identity() -> None:
    # given the root commit, null author and committer, committed with a +00:00 offset
    root = commits()[2]

    # then the (name, email) pairs stand, and the dates are UTC
    assert root.author == GitAuthorClaim(name="Rachel Ganor", email="rganor@example.org")
    assert root.committer == root.author
    assert root.parents == ()
    assert root.committed_at == at(2011, 1, 26, 19, 6, 43)


def test_a_bot_commit_names_the_bot_account() -> None:
    commit = commits()[3]

    assert commit.author == DEPENDABOT
    # a Signed-off-by trailer is not a co-author
    assert commit.co_authors == ()


def test_a_merge_with_an_empty_author_object_falls_back_to_the_git_identity() -> None:
    # given a merge whose top-level author is {}
    merge = commits()[4]

    # then its git author stands, and both parents are listed in order
    assert merge.author == GitAuthorClaim(name="Mona Lisa", email="mona@example.com")
    assert merge.parents == (
        "1f0c4e1b7a1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e",
        "3a3e2f7a3ef9ee3f0b5c1b4a1ac4a6e1d5b2c7f0",
    )


def test_a_commit_with_neither_account_nor_git_identity_has_no_people(tmp_path: Path) -> None:
    # given a commit object from which the git author and committer are missing
    commit = {
        "sha": "A" * 40,
        "url": f"https://api.github.com/repos/{REPO}/commits/{'a' * 40}",
        "commit": {"message": "x", "author": None},
        "author": None,
    }

    # when it is read
    (_, seen) = read(write(tmp_path, "commit.json", commit))

    # then nobody is named and the sha is lower-cased
    assert seen == CommitSeen(REPO, "a" * 40, author=None, committer=None, message="x")


def test_a_single_commit_response_gives_the_files_it_changed(tmp_path: Path) -> None:
    # given /commits/{sha}: a modified file with its patch, a rename, a binary file without a
    # patch, and a file too big for GitHub to show the patch of
    sha = "c" * 40
    commit = {
        "sha": sha,
        "url": f"https://api.github.com/repos/{REPO}/commits/{sha}",
        "commit": {"message": "Rework"},
        "files": [
            {
                "filename": "src/a.cpp",
                "status": "modified",
                "additions": 3,
                "deletions": 1,
                "changes": 4,
                "patch": "@@ -1 +1,3 @@",
            },
            {
                "filename": "src/new.hpp",
                "previous_filename": "src/old.hpp",
                "status": "renamed",
                "additions": 0,
                "deletions": 0,
                "changes": 0,
            },
            {
                "filename": "logo.png",
                "status": "added",
                "additions": 0,
                "deletions": 0,
                "changes": 0,
            },
            {
                "filename": "huge.json",
                "status": "modified",
                "additions": 9000,
                "deletions": 0,
                "changes": 9000,
            },
        ],
    }

    # when it is read
    _, seen, *changes = read(write(tmp_path, "commit.json", commit))

    # then each file is a change of the commit; binary only where GitHub's counts could say
    assert isinstance(seen, Commit) and seen.sha == sha
    assert changes == [
        FileChange(REPO, sha, "src/a.cpp", "", 3, 1, is_binary=False),
        FileChange(REPO, sha, "src/new.hpp", "src/old.hpp", 0, 0, is_binary=None),
        FileChange(REPO, sha, "logo.png", "", 0, 0, is_binary=None),
        FileChange(REPO, sha, "huge.json", "", 9000, 0, is_binary=False),
    ]


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ("x", "commit: files should be an array, not 'x'"),
        ([7], "commit: files[0] should be an object, not 7"),
        ([{"status": "added"}], "commit: files[0].filename is missing"),
        (
            [{"filename": "a", "additions": "3"}],
            "commit: files[0].additions should be an integer, not '3'",
        ),
    ],
)
def test_a_wrong_file_entry_of_a_commit_is_reported_by_name(
    tmp_path: Path, files: object, reason: str
) -> None:
    commit = {
        "sha": "d" * 40,
        "url": f"https://api.github.com/repos/{REPO}/commits/{'d' * 40}",
        "commit": {"message": "x"},
        "files": files,
    }

    assert read(write(tmp_path, "commit.json", commit)) == [
        SourceProblem(str(tmp_path / "commit.json"), "item 0", reason)
    ]


def test_a_commit_message_gets_the_line_ends_git_log_would_give(tmp_path: Path) -> None:
    # given a message with CRLF line ends, a stray CR and a trailing newline
    commit = {
        "sha": "b" * 40,
        "url": f"https://api.github.com/repos/{REPO}/commits/{'b' * 40}",
        "commit": {"message": "Fix\r\n\r\nA\rB\n"},
    }

    # when it is read
    (_, seen) = read(write(tmp_path, "commit.json", commit))

    # then it matches the same commit read from a local clone
    assert isinstance(seen, Commit)
    assert seen.message == "Fix\n\nA\nB"


# -- users and repositories ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "user_octocat.json",
            GitHubAccountClaim(
                583231, "octocat", "The Octocat", f"{AVATARS}/u/583231?v=4", USER, ""
            ),
        ),
        (
            "user_octo_org.json",
            GitHubAccountClaim(
                6811672,
                "octo-org",
                "Octo Org",
                f"{AVATARS}/u/6811672?v=4",
                GitHubAccountType.ORGANIZATION,
                "hello@octo-org.example",
            ),
        ),
        ("user_dependabot.json", DEPENDABOT),
    ],
)
def test_a_user_profile_is_an_account_sighting(name: str, expected: GitHubAccountClaim) -> None:
    # when a /users/{login} response is read
    items = read(FIXTURES / name)

    # then it is the account alone, with no repository
    assert items == [AccountSeen(expected)]


def test_an_organisations_repositories_carry_owner_fork_flag_and_dates() -> None:
    # when an /orgs/{org}/repos page is read
    hello, linguist = read(FIXTURES / "org_repos.json")

    # then each repository is read once, owned by the organisation
    assert hello == RepositorySeen(
        full_name=REPO,
        owner=OCTO_ORG,
        github_id=1296269,
        description="This your first repo!",
        is_fork=False,
        created_at=at(2011, 1, 26, 19, 1, 12),
        updated_at=at(2024, 3, 4, 8, 12, 45),
    )
    assert isinstance(linguist, Repository)
    assert (linguist.full_name, linguist.is_fork, linguist.description) == (
        "octo-org/linguist",
        True,
        "",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.github.com/repos/octo-org/hello-world/issues/3", REPO),
        ("https://github.com/octo-org/hello-world/pull/4#discussion_r1", REPO),
        ("https://ghe.example.com/api/v3/repos/team/tool/pulls/1", "team/tool"),
        ("https://api.github.com/repos/octo-org/hello-world", REPO),
        ("https://api.github.com/users/octocat", None),
        ("https://github.com/octocat", None),
        ("https://github.com/orgs/octo-org/teams", None),
        ("", None),
    ],
)
def test_the_repository_is_read_from_api_and_web_urls(url: str, expected: str | None) -> None:
    assert repository_from_url(url) == expected


# -- wrapped pages and schema drift -------------------------------------------------------


def test_a_page_wrapped_with_its_recorded_link_headers_reads_like_a_plain_page() -> None:
    # when a page saved as {"headers": {"Link": ...}, "body": [...]} is read
    items = read(FIXTURES / "wrapped" / "issues_page_2_with_headers.json")

    # then the body's items are read and the headers ignored
    assert items[0] == MENTIONED
    assert [(type(i).__name__, getattr(i, "number", None)) for i in items[1:]] == [("Issue", 1340)]


def test_search_results_are_read_from_their_items() -> None:
    items = read(FIXTURES / "wrapped" / "search_issues.json")

    assert items[0] == RepositorySeen(
        "octocat/Spoon-Knife", owner=GitHubAccountClaim(login="octocat")
    )
    assert isinstance(items[1], Issue)
    # and records name it by its lower-cased key
    assert (items[1].repository, items[1].number) == ("octocat/spoon-knife", 42)


def test_a_single_object_saved_inside_an_octokit_response_is_read() -> None:
    # given {"status": 200, "url": ..., "headers": ..., "data": {...a user...}}
    (seen,) = read(FIXTURES / "wrapped" / "octokit_user_mona.json")

    assert isinstance(seen, AccountSeen)
    assert (seen.account.login, seen.account.display_name) == ("mona", "Mona Lisa Octocat")
    assert seen.account.email == "mona@example.com"


def test_old_schema_issues_read_with_gravatar_id_and_without_newer_fields() -> None:
    # given 2012 issues: gravatar_id, no node_id, no repository_url, no assignees, no user type
    items = read(FIXTURES / "old_schema_issues.json")

    # then nothing is missing that cannot be missing
    assert only(SourceProblem, items) == []
    old_bug, old_pull, exported = (item for item in items if not isinstance(item, Repository))
    assert old_bug == IssueSeen(
        repository=REPO,
        number=3,
        github_id=4000003,
        title="Old bug",
        state="closed",
        author=OLD_OCTOCAT,
        labels=("bug",),
        # only the single assignee field existed: it is the whole list
        assignees=(OLD_OCTOCAT,),
        body="Old times.",
        created_at=at(2012, 2, 10, 20, 9, 31),
        updated_at=at(2012, 2, 11, 8),
        closed_at=at(2012, 2, 11, 8),
    )
    # a pull request then had html_url /pull/N and a pull_request object with its URLs
    assert isinstance(old_pull, PullRequest)
    assert (old_pull.number, old_pull.assignees, old_pull.merged_at) == (4, (), None)
    # label names as plain strings; neither assignee field: the source did not say
    assert isinstance(exported, Issue)
    assert (exported.labels, exported.assignees) == (("enhancement", "help wanted"), None)


def test_an_old_issue_with_an_all_null_pull_request_object_is_an_issue() -> None:
    old_bug = read(FIXTURES / "old_schema_issues.json")[1]

    assert isinstance(old_bug, Issue)


def test_a_repository_is_announced_once_per_file() -> None:
    # given two files about one repository
    first = FIXTURES / "reviews.json"
    second = FIXTURES / "review_comments.json"

    # when both are read
    items = list(walk(first, second))

    # then each file announces it before its own records, and only once
    assert [i for i, item in enumerate(items) if isinstance(item, Repository)] == [0, 6]


def test_a_timestamp_with_an_offset_is_converted_to_utc(tmp_path: Path) -> None:
    # given a comment dated 22:00 at +02:00
    comment = {
        "id": 5,
        "issue_url": f"https://api.github.com/repos/{REPO}/issues/7",
        "body": "hi",
        "user": None,
        "created_at": "2020-05-01T22:00:00+02:00",
        "updated_at": None,
    }

    # when it is read
    (_, seen) = read(write(tmp_path, "c.json", comment))

    # then it is 20:00 UTC, and a null date is None
    assert seen == IssueCommentSeen(REPO, 7, 5, body="hi", created_at=at(2020, 5, 1, 20))


def test_a_byte_order_mark_before_the_json_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "user_dependabot.json").read_bytes())

    assert read(path) == [AccountSeen(DEPENDABOT)]


# -- files and items that cannot be read --------------------------------------------------


def test_a_truncated_file_is_one_problem_at_the_line_and_column_where_it_stops() -> None:
    path = BROKEN / "truncated_page.json"

    assert read(path) == [
        SourceProblem(str(path), "line 13 column 13", "not valid JSON: Expecting value")
    ]


def test_an_html_error_page_saved_as_json_is_one_problem() -> None:
    path = BROKEN / "html_error_page.json"

    assert read(path) == [
        SourceProblem(str(path), "line 1 column 1", "not valid JSON: Expecting value")
    ]


def test_a_file_that_is_not_utf8_is_one_problem_at_the_first_bad_byte() -> None:
    path = BROKEN / "latin1_export.json"

    assert read(path) == [SourceProblem(str(path), "byte 56", "not UTF-8 text: invalid start byte")]


def test_a_utf16_file_is_one_problem_that_names_its_encoding(tmp_path: Path) -> None:
    # given a page saved by Windows PowerShell 5, which writes UTF-16 with a byte order mark
    path = tmp_path / "page.json"
    path.write_bytes("[]".encode("utf-16"))

    assert read(path) == [
        SourceProblem(
            str(path), "byte 0", "not UTF-8 text: UTF-16 (it starts with a UTF-16 byte order mark)"
        )
    ]


def test_a_top_level_value_that_is_neither_object_nor_array_is_one_problem() -> None:
    path = BROKEN / "scalar.json"

    assert read(path) == [
        SourceProblem(str(path), "", "not a GitHub response: the top-level value is a string")
    ]


def test_a_saved_error_response_is_reported_with_its_message() -> None:
    path = BROKEN / "error_response.json"

    assert read(path) == [
        SourceProblem(str(path), "item 0", "a GitHub error response, not a record: Not Found")
    ]


def test_an_unrecognised_object_is_reported_with_its_keys_and_reading_goes_on() -> None:
    # given a page holding an issue event (not a record this reader knows) and a bare number
    path = BROKEN / "unrecognised.json"

    # then each is one problem naming the item
    assert read(path) == [
        SourceProblem(
            str(path),
            "item 0",
            "not a recognised GitHub record: keys actor, commit_id, commit_url, created_at, "
            "event, id, node_id, performed_via_github_app, url",
        ),
        SourceProblem(str(path), "item 1", "not a JSON object but a number"),
    ]


def test_an_item_with_a_field_of_the_wrong_type_is_reported_and_the_page_goes_on() -> None:
    # given the issues page with wrong types in its first three items
    path = BROKEN / "wrong_types.json"

    # when it is read
    items = read(path)

    # then each bad item is one problem naming the field, and the good item is still read
    assert items[:3] == [
        SourceProblem(str(path), "item 0", "issue: number should be an integer, not '1347'"),
        SourceProblem(
            str(path), "item 1", "issue: user should be a user object, not 'dependabot[bot]'"
        ),
        SourceProblem(
            str(path), "item 2", "issue: created_at is not an ISO 8601 date: 'yesterday'"
        ),
    ]
    assert items[3] == MENTIONED
    assert isinstance(items[4], PullRequest)
    assert items[4].number == 1350


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ({"labels": [7]}, "issue: labels[0] should be a label object or a name, not 7"),
        ({"labels": "bug"}, "issue: labels should be an array, not 'bug'"),
        ({"assignees": [{"id": "1"}]}, "issue: assignees[0].id should be an integer, not '1'"),
        ({"id": True}, "issue: id should be an integer, not true"),
        ({"id": None}, "issue: id is missing"),
        ({"title": ["x"]}, "issue: title should be a string, not an array"),
        (
            {"url": None, "repository_url": None},
            "issue: no repository URL in any of "
            "repository_url, url, html_url, pull_request_url, issue_url",
        ),
    ],
)
def test_a_wrong_field_in_an_issue_is_reported_by_name(
    tmp_path: Path, item: dict[str, object], reason: str
) -> None:
    # given a minimal issue with one field spoiled
    issue: dict[str, object] = {
        "id": 1,
        "number": 1,
        "title": "t",
        "state": "open",
        "user": None,
        "url": f"https://api.github.com/repos/{REPO}/issues/1",
        "repository_url": f"https://api.github.com/repos/{REPO}",
    }
    path = write(tmp_path, "issue.json", [issue | item])

    # then the problem names the field
    assert read(path) == [SourceProblem(str(path), "item 0", reason)]


def test_a_missing_path_is_one_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    assert list(walk(missing)) == [SourceProblem(str(missing), "", "no such file or folder")]


def test_a_folder_is_walked_recursively_in_sorted_order_reading_only_json_files(
    tmp_path: Path,
) -> None:
    # given a folder with JSON files at two depths and a file that is not JSON
    write(tmp_path, "b/user.json", {"login": "b", "id": 2, "type": "User"})
    write(tmp_path, "a.json", {"login": "a", "id": 1, "type": "User"})
    write(tmp_path, "c.JSON", {"login": "c", "id": 3, "type": "User"})
    (tmp_path / "notes.txt").write_text("not read", encoding="utf-8")

    # when the folder is read
    items = list(walk(tmp_path))

    # then every JSON file is read, in path order, and nothing else
    assert [item.account.login for item in only(AccountSeen, items)] == ["a", "b", "c"]
    assert len(items) == 3


def test_files_are_read_one_at_a_time_as_the_stream_is_consumed(tmp_path: Path) -> None:
    # given two files
    write(tmp_path, "1.json", {"login": "one", "id": 1, "type": "User"})
    second = write(tmp_path, "2.json", {"login": "two", "id": 2, "type": "User"})

    # when the first item is taken and then the second file changes
    stream = walk(tmp_path)
    first = next(stream)
    second.write_text(json.dumps({"login": "changed", "id": 2, "type": "User"}))

    # then the second file is read only now, as it is at this moment
    assert isinstance(first, AccountSeen)
    assert [item.account.login for item in only(AccountSeen, list(stream))] == ["changed"]


def test_the_whole_fixture_folder_reads_with_problems_only_from_the_broken_files() -> None:
    problems = only(SourceProblem, list(walk(FIXTURES)))

    assert {Path(p.path).parent for p in problems} == {BROKEN}


# -- git identities -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("12345+octo@users.noreply.github.com", GitHubAccountClaim(12345, "octo")),
        ("octo@users.noreply.github.com", GitHubAccountClaim(login="octo")),
        ("Octo@Users.NoReply.GitHub.com", GitHubAccountClaim(login="Octo")),
        (
            "41898282+github-actions[bot]@users.noreply.github.com",
            GitHubAccountClaim(41898282, "github-actions[bot]"),
        ),
        ("noreply@github.com", None),
        ("octo@example.com", None),
        ("0+octo@users.noreply.github.com", None),
        ("a b@users.noreply.github.com", None),
        ("-octo@users.noreply.github.com", None),
        (f"{'9' * 5000}+octo@users.noreply.github.com", None),
        # a Kelvin sign folds to "k" case-insensitively, but no login holds one
        ("\u212aelvin@users.noreply.github.com", None),
    ],
)
def test_a_noreply_address_encodes_the_account(
    email: str, expected: GitHubAccountClaim | None
) -> None:
    assert noreply_account(email) == expected


def test_co_authors_are_the_trailers_of_the_last_paragraph_each_person_once() -> None:
    # given a message with a trailer-like line in its body and odd spellings in its trailers
    message = (
        "Squash\n\n* first\n\nCo-authored-by: Zed <zed@example.com>\n\n"
        "Co-authored-by: Ann <ann@example.com>\n"
        "co-authored-by: ANN <Ann@Example.com>\n"
        "CO-AUTHORED-BY:   Bob   <7+bob@users.noreply.github.com>  \n"
        "Co-authored-by: carol@example.com\n"
        "Co-authored-by: just a name\n"
        "Signed-off-by: Dan <dan@example.com>\n"
    )

    # then, as git reads trailers, only the last paragraph counts and each person comes once
    assert co_authors(message) == (
        GitAuthorClaim("Ann", "ann@example.com"),
        GitHubAccountClaim(7, "bob"),
        GitAuthorClaim("", "carol@example.com"),
    )


def test_the_author_is_not_their_own_co_author() -> None:
    message = "Fix\n\nCo-authored-by: Ann <ann@example.com>\nCo-authored-by: Bob <b@example.com>"

    assert co_authors(message, GitAuthorClaim("ann", "ANN@example.com")) == (
        GitAuthorClaim("Bob", "b@example.com"),
    )


def test_a_subject_alone_has_no_trailers() -> None:
    assert co_authors("Co-authored-by: Ann <ann@example.com>") == ()


# -- properties ----------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
logins = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}", fullmatch=True)
account_types = st.sampled_from(["User", "Organization", "Bot", "Enterprise", "Mannequin"])
label_names = st.lists(
    texts.filter(lambda s: s.replace("\x00", "") != ""),
    max_size=5,
    unique_by=lambda s: s.replace("\x00", ""),
)
users = st.fixed_dictionaries(
    {"login": logins, "id": st.integers(1, 2**40), "type": account_types},
    optional={"avatar_url": st.just("https://avatars.githubusercontent.com/u/1?v=4")},
)
# Hypothesis takes naive bounds; timezones= makes the generated values aware.
dates = st.datetimes(
    min_value=datetime(2008, 1, 1),  # noqa: DTZ001
    max_value=datetime(2030, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
).map(lambda d: d.replace(microsecond=0))


def claim_of(user: dict[str, object]) -> GitHubAccountClaim:
    kinds = {"User": USER, "Organization": GitHubAccountType.ORGANIZATION}
    kinds |= {"Bot": GitHubAccountType.BOT, "Enterprise": GitHubAccountType.ENTERPRISE}
    github_id = user["id"]
    assert isinstance(github_id, int)
    return GitHubAccountClaim(
        github_id=github_id,
        login=str(user["login"]),
        avatar_url=str(user.get("avatar_url", "")),
        account_type=kinds.get(str(user["type"])),
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    number=st.integers(1, 10**9),
    github_id=st.integers(1, 2**62),
    title=texts,
    body=st.none() | texts,
    labels=label_names,
    assignees=st.lists(users, max_size=4),
    author=users,
    created=dates,
)
def test_a_generated_issue_round_trips_through_json_into_the_same_values(
    number: int,
    github_id: int,
    title: str,
    body: str | None,
    labels: list[str],
    assignees: list[dict[str, object]],
    author: dict[str, object],
    created: datetime,
) -> None:
    # given an issue object in the API's shape
    issue = {
        "url": f"https://api.github.com/repos/{REPO}/issues/{number}",
        "repository_url": f"https://api.github.com/repos/{REPO}",
        "id": github_id,
        "number": number,
        "title": title,
        "user": author,
        "labels": [{"id": i, "name": name, "color": "ffffff"} for i, name in enumerate(labels)],
        "state": "open",
        "assignees": assignees,
        "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": body,
    }

    # when it is saved and read back
    with tempfile.TemporaryDirectory() as folder:
        items = read(write(Path(folder), "issues.json", [issue]))

    # then the issue holds the same values, NULs stripped
    assert items[1] == IssueSeen(
        repository=REPO,
        number=number,
        github_id=github_id,
        title=title.replace("\x00", ""),
        state="open",
        author=claim_of(author),
        labels=tuple(name.replace("\x00", "") for name in labels),
        assignees=tuple(claim_of(user) for user in assignees),
        body=(body or "").replace("\x00", ""),
        created_at=created,
    )


GITHUB_SEEN = (
    Repository,
    Commit,
    Issue,
    PullRequest,
    Review,
    IssueComment,
    ReviewComment,
    AccountSeen,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=300))
def test_reading_arbitrary_bytes_yields_only_problems_or_items(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(content)

        items = read(path)

    assert all(isinstance(item, (SourceProblem, *GITHUB_SEEN)) for item in items)


# Keys every recognised shape looks at, so generated objects reach the builders.
API_KEYS = [
    "id", "number", "title", "state", "user", "html_url", "repository_url", "url",
    "pull_request", "pull_request_url", "issue_url", "diff_hunk", "body", "head", "base",
    "sha", "commit", "author", "committer", "parents", "login", "type", "full_name", "owner",
    "labels", "assignees", "assignee", "submitted_at", "commit_id", "created_at", "name",
    "email", "date", "message", "repo", "repository", "merged_at", "in_reply_to_id",
]  # fmt: skip
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            f"https://api.github.com/repos/{REPO}/pulls/3",
            f"https://api.github.com/repos/{REPO}/issues/4",
            "2011-04-10T20:09:31Z",
            "0001-01-01T00:00:00+01:00",
            "a" * 40,
            "5+x@users.noreply.github.com",
            "o/r",
        ]
    )
    | texts
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(API_KEYS) | texts, inner, max_size=8)
    ),
    max_leaves=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(document=json_values)
def test_reading_arbitrary_json_yields_only_problems_or_items(document: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        items = read(write(Path(folder), "any.json", document))

    assert all(isinstance(item, (SourceProblem, *GITHUB_SEEN)) for item in items)


@functools.cache
def fixture_items() -> list[dict[str, object]]:
    """Every object in the readable fixtures, wrapped pages unwrapped."""
    found: list[dict[str, object]] = []
    for path in sorted(FIXTURES.glob("*.json")) + sorted(FIXTURES.glob("wrapped/*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict):
            document = (
                document.get("body") or document.get("data") or document.get("items") or [document]
            )
        found.extend(document if isinstance(document, list) else [document])
    return found


@st.composite
def spoiled_items(draw: st.DrawFn) -> dict[str, object]:
    """A real item with one field, at any depth, replaced by any JSON value."""
    item: dict[str, object] = json.loads(json.dumps(draw(st.sampled_from(fixture_items()))))
    target = item
    while True:
        key = draw(st.sampled_from(sorted(target)))
        child = target[key]
        if isinstance(child, dict) and child and draw(st.booleans()):
            target = child
            continue
        target[key] = draw(json_values)
        return item


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(item=spoiled_items())
def test_a_real_item_with_any_field_spoiled_yields_only_problems_or_items(
    item: dict[str, object],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        items = read(write(Path(folder), "any.json", [item]))

    assert all(isinstance(seen, (SourceProblem, *GITHUB_SEEN)) for seen in items)
