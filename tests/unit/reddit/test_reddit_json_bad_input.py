"""What cannot be read in saved Reddit JSON is reported, one problem for a file or a thing,
with the file, the position and a one-line reason; the rest is read.

The files of tests/fixtures/reddit/broken are what a saving script really leaves behind: a rate
limit page, a refused request, a cut-off download, another site's JSON, and a listing whose
things hold every wrong type.
"""

import json
from pathlib import Path

import pytest

from core.protocols.ingest import SourceProblem
from trackers.reddit.records import Comment, RedditSeen, Submission
from trackers.reddit.sources.reddit_json import read_reddit_json

BROKEN = Path(__file__).parents[2] / "fixtures" / "reddit" / "broken"


def read(path: Path) -> list[RedditSeen | SourceProblem]:
    return list(read_reddit_json(path))


def problems(path: Path) -> list[tuple[str, str]]:
    return [(p.position, p.reason) for p in read(path) if isinstance(p, SourceProblem)]


@pytest.mark.parametrize(
    ("name", "position", "reason"),
    [
        ("rate_limited.json", "line 1 column 1", "not valid JSON: Expecting value"),
        (
            "forbidden_private.json",
            "",
            "a Reddit error response, not a listing: 403 Forbidden (private)",
        ),
        (
            "morechildren_ratelimited.json",
            "",
            "a Reddit error response, not comments: RATELIMIT: Looks like you've been doing"
            " that a lot. Take a break for 5 minutes before trying again.",
        ),
        ("scalar.json", "", "not Reddit JSON: the top-level value is a string"),
        (
            "github_issues.json",
            "",
            "not Reddit JSON: an array whose first item is an object, not a Listing",
        ),
        (
            "truncated.json",
            "line 1 column 348",
            "not valid JSON: Unterminated string starting at",
        ),
    ],
)
def test_a_file_that_is_no_reddit_response_is_one_problem_saying_why(
    name: str, position: str, reason: str
) -> None:
    # when a file that holds no readable response is read
    items = read(BROKEN / name)

    # then it is one problem, naming the file, where it stops being readable and why
    assert items == [SourceProblem(str(BROKEN / name), position, reason)]


def test_things_that_cannot_be_read_are_problems_at_their_index_and_reading_goes_on() -> None:
    # given a listing whose things hold every wrong type, between good ones
    path = BROKEN / "wrong_types.json"

    # when it is read
    items = read(path)

    # then each bad thing is one problem at its index, and the good ones are read
    assert problems(path) == [
        ("item 1", "submission: score should be an integer, not '12'"),
        ("item 2", "not a Reddit thing but a number"),
        ("item 3", "a t5 thing (a subreddit), not a submission, comment or user"),
        ("item 4", "comment: created_utc should be a Unix time, not 'yesterday'"),
        ("item 5", "comment: parent_id 't5_2qh2r' is not the fullname of a t1 or t3 thing"),
        ("item 6", 'replies should be a Listing or "", not a number'),
        ("item 7", "submission: no name or id"),
        ("item 8", "comment: name 't3_kxkind1' is not the fullname of a t1 thing"),
        ("item 9", "not a Reddit thing: it needs a kind and a data object"),
        ("item 10", "comment: subreddit 'not a name!' is not a subreddit name"),
        ("item 11", "comment: score should be an integer, not true"),
        ("item 12", "comment: edited should be false or a Unix time, not '2024-03-01'"),
        ("item 13", "comment: created_utc 1e+20 is out of range: no date is that far off"),
        ("item 14", "comment: author should be a string, not 42"),
    ]
    read_ = [item.fullname for item in items if isinstance(item, Submission | Comment)]
    assert read_ == ["t3_1bgood1", "t1_kxrepl1", "t1_kxunder", "t1_kxgood1"]


def test_the_replies_of_a_comment_that_cannot_be_read_are_read_and_placed_under_it() -> None:
    # given a comment with a wrong score, and a good reply under it
    items = read(BROKEN / "wrong_types.json")

    # then the reply is read, with its parent and depth
    (reply,) = [i for i in items if isinstance(i, Comment) and i.fullname == "t1_kxunder"]
    assert (reply.parent, reply.depth) == ("t1_kxbool1", 1)


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(document))
    return path


def listing(*children: object) -> dict[str, object]:
    return {"kind": "Listing", "data": {"children": list(children)}}


def test_a_problem_under_a_comment_is_told_as_a_reply_to_it(tmp_path: Path) -> None:
    # given a comment page whose second reply to a comment is no thing
    reply = {"kind": "t1", "data": {"name": "t1_kx9g7ab"}}
    top = {"kind": "t1", "data": {"name": "t1_kx9f2qz", "replies": listing(reply, [1, 2])}}
    path = write(tmp_path, [listing({"kind": "t3", "data": {"name": "t3_1b3xk9q"}}), listing(top)])

    # then the problem names the comment it replies to, and the rest is read
    assert problems(path) == [("reply 1 to t1_kx9f2qz", "not a Reddit thing but an array")]
    assert len(read(path)) == 4


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            [listing(), "not a listing"],
            [("listing 1", "not a Reddit Listing but a string")],
        ),
        (
            [listing(), {"kind": "Listing", "data": {}}],
            [("listing 1", "a Listing without a children array")],
        ),
        (
            [
                listing(
                    {"kind": "t1", "data": {"name": "t1_kx9f2qz", "replies": {"kind": "Listing"}}}
                )
            ],
            [("listing 0 item 0", "a Listing without a children array")],
        ),
        (
            {"kind": "Listing", "data": {"children": "none"}},
            [("", "a Listing without a children array")],
        ),
        ({"json": {"errors": []}}, [("", "a more-children response without a things array")]),
        (
            {"results": [], "count": 0},
            [("", "not Reddit JSON: no listing or thing, keys count, results")],
        ),
        (
            {"kind": "listing", "data": {"children": []}},
            [("item 0", "a thing of kind 'listing', not a submission, comment or user")],
        ),
        ({}, [("", "not Reddit JSON: no listing or thing, keys (none)")]),
        (
            {"kind": "t5", "data": {"display_name": "cpp"}},
            [("item 0", "a t5 thing (a subreddit), not a submission, comment or user")],
        ),
        (
            listing({"kind": "t9", "data": {}}),
            [("item 0", "a thing of kind 't9', not a submission, comment or user")],
        ),
        (
            {"kind": "t2", "data": {"id": "4f1k2x9"}},
            [("item 0", "user: name is missing")],
        ),
        (
            {"kind": "t2", "data": {"name": "alice_dev", "subreddit": {"title": 5}}},
            [("item 0", "user: subreddit.title should be a string, not 5")],
        ),
    ],
)
def test_broken_shapes_are_problems_where_they_are(
    tmp_path: Path, document: object, expected: list[tuple[str, str]]
) -> None:
    # given a saved document of a broken shape; then each fault is a problem where it is
    assert problems(write(tmp_path, document)) == expected


def test_an_empty_file_is_not_json(tmp_path: Path) -> None:
    # given a response saved as nothing (a download that never started)
    path = tmp_path / "empty.json"
    path.write_bytes(b"")

    # then it is one problem at its start
    assert problems(path) == [("line 1 column 1", "not valid JSON: Expecting value")]


def test_a_file_saved_as_utf16_is_one_problem_naming_its_encoding(tmp_path: Path) -> None:
    # given a listing redirected to a file by Windows PowerShell 5, in UTF-16
    path = tmp_path / "powershell.json"
    path.write_text(json.dumps(listing()), encoding="utf-16")

    # when it is read
    [(position, reason)] = problems(path)

    # then it is one problem saying which encoding it is in, so it can be saved again
    assert (position, reason.startswith("not UTF-8 text: UTF-16")) == ("byte 0", True)


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    # given a file that is not there; then it is one problem about the whole file
    [(position, reason)] = problems(tmp_path / "gone.json")
    assert (position, reason) == ("", "cannot open: No such file or directory")


def test_a_number_too_big_for_a_column_is_read_and_left_to_the_engine_to_refuse(
    tmp_path: Path,
) -> None:
    # given a comment whose score is beyond 64 bits
    path = write(tmp_path, listing({"kind": "t1", "data": {"name": "t1_kx9f2qz", "score": 2**70}}))

    # when it is read
    (comment,) = read(path)

    # then it is read as it is: the engine refuses the record, naming it
    assert isinstance(comment, Comment) and comment.score == 2**70


def test_a_fullname_longer_than_any_reddit_id_is_refused(tmp_path: Path) -> None:
    # given a post named with 14 base-36 digits, more than any 64-bit id has
    path = write(tmp_path, listing({"kind": "t3", "data": {"name": "t3_" + "a" * 14}}))

    # then it is a problem of that post, not a key no column can hold
    assert problems(path) == [
        ("item 0", "submission: name 't3_aaaaaaaaaaaaaa' is not the fullname of a t3 thing")
    ]


def test_a_nan_time_is_a_problem_of_its_thing(tmp_path: Path) -> None:
    # given a saved file holding NaN, which Python's json (and no JSON standard) accepts
    path = tmp_path / "nan.json"
    path.write_text(
        '{"kind": "Listing", "data": {"children": ['
        '{"kind": "t1", "data": {"name": "t1_kx9f2qz", "created_utc": NaN}}]}}'
    )

    # then it is a problem of that comment, not an exception
    assert problems(path) == [("item 0", "comment: created_utc should be a Unix time, not nan")]
