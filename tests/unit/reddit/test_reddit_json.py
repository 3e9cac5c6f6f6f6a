"""Saved responses of Reddit's JSON endpoints read into seen items (formats.md, "Reddit
listings").

The fixtures under tests/fixtures/reddit are responses in the endpoints' shape, written by
make_fixtures.py: a subreddit's new posts, a submission's comment page, a more-children
response, an old user's comments and a user's about, each HTML-escaped as the public endpoints
send them, and the first two also as ``raw_json=1`` sends them.
"""

import json
import os
import shutil
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from core.protocols.claims import RedditUserClaim
from core.protocols.ingest import SourceProblem
from tests.unit.reddit.strategies import CommentTree, comment_trees
from trackers.reddit.records import (
    Comment,
    CommentSeen,
    RedditSeen,
    Submission,
    SubmissionSeen,
    UserSeen,
)
from trackers.reddit.sources.reddit_json import read_reddit_json

FIXTURES = Path(__file__).parents[2] / "fixtures" / "reddit"
ALICE = RedditUserClaim("alice_dev", "t2_4f1k2x9")
DELETED = RedditUserClaim("[deleted]")
SELF_POST = "t3_1b3xk9q"


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def unseen(item: RedditSeen | SourceProblem) -> RedditSeen | SourceProblem:
    """The item without when its file was saved, which differs from checkout to checkout."""
    return attrs.evolve(item, seen_at=None) if isinstance(item, Submission | Comment) else item


def read(path: Path) -> list[RedditSeen | SourceProblem]:
    return [unseen(item) for item in read_reddit_json(path)]


def things(name: str) -> list[RedditSeen]:
    """The fixture's items; fails on any problem."""
    items = read(FIXTURES / name)
    assert not [item for item in items if isinstance(item, SourceProblem)], items
    return [item for item in items if not isinstance(item, SourceProblem)]


def fullnames(name: str) -> list[str]:
    return [item.fullname for item in things(name) if isinstance(item, Submission | Comment)]


def posts(name: str) -> dict[str, SubmissionSeen]:
    return {item.fullname: item for item in things(name) if isinstance(item, Submission)}


def comments(name: str) -> dict[str, CommentSeen]:
    return {item.fullname: item for item in things(name) if isinstance(item, Comment)}


def comment_page() -> dict[str, CommentSeen]:
    return comments("comments_1b3xk9q.json")


# -- listings of submissions -------------------------------------------------------------


def test_a_subreddit_listing_gives_every_submission_in_order() -> None:
    # given /r/cpp/new.json, its stickied post first; then each post is read, in that order
    assert fullnames("r_cpp_new.json") == [
        "t3_18vaaaa",
        "t3_1b3y0h5",
        "t3_1b3xk9q",
        "t3_1b3xp2r",
        "t3_1b3x2aa",
    ]


def test_a_self_post_reads_into_a_submission_with_every_field() -> None:
    # given the self post of the listing, as the public endpoint escaped it
    post = posts("r_cpp_new.json")[SELF_POST]

    # then every field is read, its text unescaped and its float times exact to the microsecond
    assert post == SubmissionSeen(
        fullname=SELF_POST,
        subreddit="cpp",
        author=ALICE,
        title="Is std::expected<T, E> worth it over exceptions? Benchmarks & thoughts",
        selftext=(
            "I measured `std::expected<int, std::error_code>` against exceptions:\n\n"
            "| path | ns |\n|---|---|\n| happy | 1.2 |\n| error | 3.4 |\n\n"
            "Results > expectations & the code is on "
            "[GitHub](https://github.com/alice/bench?tab=readme&lang=en).&#x200B;"
        ),
        url="https://www.reddit.com/r/cpp/comments/1b3xk9q/is_std_expected_t_e_worth_it_over_except/",
        permalink="/r/cpp/comments/1b3xk9q/is_std_expected_t_e_worth_it_over_except/",
        score=154,
        num_comments=42,
        created_at=datetime(2024, 3, 1, tzinfo=UTC),
        edited_at=datetime(2024, 3, 1, 1, 0, 0, 250000, tzinfo=UTC),
    )


def test_html_escaped_text_reads_as_what_was_written_and_typed_entities_stay() -> None:
    # given a link post whose title and url the endpoint escaped (&amp; &lt; &gt;)
    raw = json.loads((FIXTURES / "r_cpp_new.json").read_text())
    link = raw["data"]["children"][3]["data"]
    assert "&amp;" in link["title"] and "&amp;t=120s" in link["url"]

    # when it is read
    post = posts("r_cpp_new.json")["t3_1b3xp2r"]

    # then the text is unescaped once, and the &#x200B; a user typed is kept as typed
    assert post.title == 'CppCon 2023: "Ranges & views — a deep dive" <video>'
    assert post.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=120s"
    assert posts("r_cpp_new.json")[SELF_POST].selftext.endswith(").&#x200B;")


@pytest.mark.parametrize("name", ["r_cpp_new", "comments_1b3xk9q"])
def test_a_raw_json_response_reads_the_same_as_the_escaped_one(name: str) -> None:
    # given one response saved with and without raw_json=1; then both read alike
    assert things(f"{name}_raw_json.json") == things(f"{name}.json")


def test_a_link_post_has_its_url_and_no_text() -> None:
    # given a link post, which has no selftext_html to tell its escaping by
    post = posts("r_cpp_new.json")["t3_1b3xp2r"]

    # then its url is unescaped from its own text, and its text is empty
    assert (post.url, post.selftext, post.author) == (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=120s",
        "",
        RedditUserClaim("bob-writes", "t2_9zz1m"),
    )


def test_a_deleted_post_keeps_its_title_and_says_nothing_of_its_text_or_author() -> None:
    # given a post its author deleted: "[deleted]" as author and as text
    post = posts("r_cpp_new.json")["t3_1b3x2aa"]

    # then the title Reddit keeps is read, the text is not known
    assert (post.title, post.selftext, post.author) == (
        "Help with CMake & vcpkg on Windows",
        "",
        DELETED,  # the hub takes it for no one
    )


def test_automoderators_post_names_automoderator_whom_the_hub_takes_for_no_one() -> None:
    # given the stickied jobs post, by AutoModerator; then it names AutoModerator as it is
    post = posts("r_cpp_new.json")["t3_18vaaaa"]
    assert post.author == RedditUserClaim("AutoModerator", "t2_6l4z3")


def test_a_hidden_score_is_not_known() -> None:
    # given a new post with "hide_score": true and its placeholder score of 1; then no score
    assert posts("r_cpp_new.json")["t3_1b3y0h5"].score is None


def test_a_post_never_edited_has_no_edit_time() -> None:
    # given "edited": false; then no edit time
    assert posts("r_cpp_new.json")["t3_1b3xp2r"].edited_at is None


# -- a comment page ----------------------------------------------------------------------


def test_a_comment_page_gives_its_submission_then_its_comments_depth_first() -> None:
    # given a comment page: the submission's listing, then the tree with more stubs in it
    found = fullnames("comments_1b3xk9q.json")

    # then the submission comes first, each comment before its replies, no stub read
    assert found == [
        SELF_POST,
        "t1_kx9e000",
        "t1_kx9f2qz",
        "t1_kx9g7ab",
        "t1_kx9h1cd",
        "t1_kx9g8ef",
        "t1_kx9j3gh",
        "t1_kx9k4ij",
    ]


def test_comments_know_their_submission_their_parent_and_their_depth() -> None:
    # given the comment page's tree
    tree = {fullname: (c.submission, c.parent, c.depth) for fullname, c in comment_page().items()}

    # then each comment is under its submission and its parent, at its depth
    assert tree == {
        "t1_kx9e000": (SELF_POST, SELF_POST, 0),
        "t1_kx9f2qz": (SELF_POST, SELF_POST, 0),
        "t1_kx9g7ab": (SELF_POST, "t1_kx9f2qz", 1),
        "t1_kx9h1cd": (SELF_POST, "t1_kx9g7ab", 2),
        "t1_kx9g8ef": (SELF_POST, "t1_kx9f2qz", 1),
        "t1_kx9j3gh": (SELF_POST, SELF_POST, 0),
        "t1_kx9k4ij": (SELF_POST, "t1_kx9j3gh", 1),
    }


def test_a_comment_reads_with_every_field() -> None:
    # given the submitter's edited reply to a top-level comment; then every field is read
    assert comment_page()["t1_kx9g7ab"] == CommentSeen(
        fullname="t1_kx9g7ab",
        submission=SELF_POST,
        parent="t1_kx9f2qz",
        subreddit="cpp",
        author=ALICE,
        body="Fair > my numbers were for the happy path only.",
        permalink="/r/cpp/comments/1b3xk9q/comment/kx9g7ab/",
        score=12,
        depth=1,
        created_at=datetime(2024, 3, 1, 1, 20, tzinfo=UTC),
        edited_at=at(1709260000.0),
    )


def test_empty_string_replies_are_no_replies_and_no_problem() -> None:
    # given comments whose "replies" is "" (RemindMeBot's, the deleted one's)
    raw = (FIXTURES / "comments_1b3xk9q.json").read_text()
    assert '"replies": ""' in raw

    # then they are read, with nothing under them and no problem
    assert {"t1_kx9g8ef", "t1_kx9h1cd"} <= set(comment_page())


def test_a_deleted_comment_says_nothing_of_its_author_or_body() -> None:
    # given a comment deleted by its author; then its score is all it tells
    deleted = comment_page()["t1_kx9h1cd"]
    assert (deleted.author, deleted.body, deleted.score) == (DELETED, "", 3)


def test_a_removed_comment_says_nothing_of_its_body_and_its_replies_are_read() -> None:
    # given a comment a moderator removed ("[removed]"), with a reply under it
    removed = comment_page()["t1_kx9j3gh"]

    # then it says nothing of what it said, and its reply is read, under it
    assert (removed.author, removed.body) == (DELETED, "")
    assert comment_page()["t1_kx9k4ij"].parent == "t1_kx9j3gh"


def test_bots_are_read_as_users_automoderator_included() -> None:
    # given comments by AutoModerator and RemindMeBot; then each names its bot (the hub
    # decides who is no one)
    page = comment_page()
    assert page["t1_kx9e000"].author == RedditUserClaim("AutoModerator", "t2_6l4z3")
    assert page["t1_kx9g8ef"].author == RedditUserClaim("RemindMeBot", "t2_gbomb")


def test_a_comment_whose_score_is_hidden_has_no_score() -> None:
    # given "score_hidden": true; then the score shown means nothing yet
    assert comment_page()["t1_kx9k4ij"].score is None


def test_more_stubs_and_continue_this_thread_stubs_are_neither_records_nor_problems() -> None:
    # given a page with two more stubs and a "continue this thread" one
    raw = (FIXTURES / "comments_1b3xk9q.json").read_text()
    assert raw.count('"kind": "more"') == 3

    # then reading it gives records only
    assert all(isinstance(item, Submission | Comment) for item in things("comments_1b3xk9q.json"))


# -- more children, old data, users ----------------------------------------------------


def test_a_more_children_response_gives_the_comments_it_loaded() -> None:
    # given /api/morechildren's answer for a stub: flat things, each saying where it sits
    loaded = [
        (c.fullname, c.parent, c.depth, c.author) for c in comments("morechildren.json").values()
    ]

    # then each comment is read with its parent and depth, and its own stub is skipped
    assert loaded == [
        ("t1_kx9h9zz", "t1_kx9g7ab", 2, RedditUserClaim("frank_t", "t2_fr4nk")),
        ("t1_kx9ha01", "t1_kx9h9zz", 3, RedditUserClaim("grace_h", "t2_gr4ce")),
    ]


def test_old_comments_without_author_fullname_or_depth_name_their_author_by_username() -> None:
    # given a user's comments from 2011: no author_fullname, no depth
    old = comments("user_old_timer_comments.json")

    # then the author is named by username alone, and no depth is made up
    assert [(c.author, c.depth) for c in old.values()] == [
        (RedditUserClaim("old_timer"), None),
        (RedditUserClaim("old_timer"), None),
    ]
    assert old["t1_c1a2b9z"].parent == "t1_c1a2b3c"
    assert old["t1_c1a2b3c"].created_at == datetime(2011, 3, 13, 7, 6, 40, tzinfo=UTC)


def test_edited_true_from_old_data_is_an_edit_at_a_time_not_known() -> None:
    # given "edited": true from before Reddit kept when; then no edit time
    assert comments("user_old_timer_comments.json")["t1_c1a2b9z"].edited_at is None


def test_a_users_about_is_a_profile_named_by_its_profile_title() -> None:
    # given /user/alice_dev/about.json; then it is a profile, its title unescaped
    assert things("user_alice_dev_about.json") == [
        UserSeen(RedditUserClaim("alice_dev", "4f1k2x9", "Alice & her compilers"))
    ]


def test_every_sighting_is_dated_when_its_file_was_saved(tmp_path: Path) -> None:
    # given a saved comment page whose file was last written at a known moment
    path = tmp_path / "page.json"
    shutil.copy(FIXTURES / "comments_1b3xk9q.json", path)
    saved = datetime(2024, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)
    nanoseconds = int(saved.timestamp()) * 10**9 + saved.microsecond * 1000 + 789
    os.utime(path, ns=(nanoseconds, nanoseconds))

    # when it is read
    items = list(read_reddit_json(path))

    # then every submission and comment in it was seen then, to the microsecond
    assert {item.seen_at for item in items if isinstance(item, Submission | Comment)} == {saved}


# -- what is not in the fixtures, built here -------------------------------------------


def write(tmp_path: Path, document: object, name: str = "saved.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


def t1(id_: str, **data: object) -> dict[str, object]:
    return {"kind": "t1", "data": {"name": f"t1_{id_}", "author": "erin_codes", **data}}


def listing(*children: object) -> dict[str, object]:
    return {"kind": "Listing", "data": {"children": list(children), "after": None}}


def test_a_thing_without_a_name_is_named_from_its_id(tmp_path: Path) -> None:
    # given a trimmed export's post with an id and no name
    path = write(tmp_path, listing({"kind": "t3", "data": {"id": "1B3XK9Q", "title": "t"}}))

    # when it is read
    (post,) = read(path)

    # then its fullname is made of its kind and its id, as Reddit spells ids
    assert isinstance(post, Submission) and post.fullname == SELF_POST


def test_a_comment_missing_its_place_in_a_comment_page_takes_it_from_where_it_sits(
    tmp_path: Path,
) -> None:
    # given a trimmed comment page: no link_id, parent_id or depth in its comments
    reply = t1("kx9g7ab", body="reply")
    top = t1("kx9f2qz", body="top", replies=listing(reply))
    page = [listing({"kind": "t3", "data": {"name": SELF_POST}}), listing(top)]

    # when it is read
    items = read(write(tmp_path, page))

    # then the tree tells each comment its submission, its parent and its depth
    assert [
        (c.fullname, c.submission, c.parent, c.depth) for c in items if isinstance(c, Comment)
    ] == [
        ("t1_kx9f2qz", SELF_POST, SELF_POST, 0),
        ("t1_kx9g7ab", SELF_POST, "t1_kx9f2qz", 1),
    ]


def test_text_holds_no_nul_and_no_lone_surrogate(tmp_path: Path) -> None:
    # given a body holding an escaped NUL and a lone surrogate
    path = tmp_path / "nul.json"
    path.write_text(
        '{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": '
        '{"name": "t1_kx9f2qz", "body": "NUL\\u0000 and a lone \\ud800 surrogate"}}]}}'
    )

    # when it is read
    (comment,) = read(path)

    # then neither reaches the record: no database stores them
    assert isinstance(comment, Comment) and comment.body == "NUL and a lone \ufffd surrogate"


def test_a_comment_tree_as_deep_as_json_nests_is_read_without_recursion(
    tmp_path: Path,
) -> None:
    # given a chain of 190 replies, about as deep as the JSON parser nests (5 levels a reply)
    deepest = 190
    node: object = ""
    for depth in reversed(range(deepest)):
        node = listing(t1(f"d{depth:04d}", depth=depth, replies=node))
    path = write(tmp_path, node)

    # when it is read with hardly any Python stack to spare
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(traceback.extract_stack()) + 40)
    try:
        items = read(path)
    finally:
        sys.setrecursionlimit(limit)

    # then every reply is read, each under the one before
    assert [(c.fullname, c.depth) for c in items if isinstance(c, Comment)] == [
        (f"t1_d{depth:04d}", depth) for depth in range(deepest)
    ]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment_trees())
def test_any_comment_page_reads_back_every_comment_once_in_file_order(
    tmp_path: Path, tree: CommentTree
) -> None:
    # given a comment page of any shape, escaped or not, with stubs and deleted comments
    path = tmp_path / "page.json"
    path.write_text(tree.text)

    # when it is read
    items = read(path)

    # then it is the submission and every comment, once, each after its parent
    assert items == tree.expected
