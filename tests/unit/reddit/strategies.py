"""Hypothesis strategies for Reddit: comment pages of any shape as the endpoints save them,
with what reading them must give; and the items the reader yields, for the ingest properties.
"""

import html
import json
from datetime import UTC, datetime, timedelta

import attrs
from hypothesis import strategies as st

from core.protocols.claims import RedditUserClaim
from trackers.reddit.records import CommentSeen, RedditSeen, SubmissionSeen, UserSeen

# What reaches a database: no NUL, no surrogates (PostgreSQL rejects both).
texts = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20)

T0 = datetime(2024, 3, 1, tzinfo=UTC)
POST = "1b3xk9q"
# Who writes on Reddit: people, a bot the hub keeps, and the two the hub takes for no one.
USERNAMES = ["alice_dev", "bob-writes", "RemindMeBot", "AutoModerator", "[deleted]"]
GONE = ["[deleted]", "[removed]"]
# What a deleted or removed text shows; a drawn text that happens to be one says nothing.
written = texts.filter(lambda text: text.strip().casefold() not in {*GONE, "[ removed by reddit ]"})


# -- comment pages, as saved ---------------------------------------------------------------


@attrs.frozen
class CommentTree:
    """A comment page's file content, and the items reading it must give (seen_at aside)."""

    text: str
    expected: list[RedditSeen]


def _rendered(markdown: str) -> str:
    return f'<!-- SC_OFF --><div class="md"><p>{html.escape(markdown, quote=False)}</p></div>'


def _escaped(text: str) -> str:
    """A JSON text as the public endpoints send it: ``&``, ``<`` and ``>`` only ever appear in
    strings, so escaping them in the text escapes every string."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _listing(children: list[object]) -> dict[str, object]:
    return {"kind": "Listing", "data": {"after": None, "before": None, "children": children}}


@attrs.define
class _Page:
    """A comment page as it is drawn: its things, and the records they must read as."""

    draw: st.DrawFn
    expected: list[RedditSeen] = attrs.Factory(list)
    count: int = 0

    def comments(self, parent: str, depth: int) -> list[object]:
        children: list[object] = []
        for _ in range(self.draw(st.integers(0, 3 if depth < 4 else 0))):
            children.append(self.comment(parent, depth))
        if self.draw(st.booleans()):
            # A stub for comments not loaded, or "continue this thread" (no children).
            children.append({"kind": "more", "data": {"count": 0, "name": "t1__", "id": "_"}})
        return children

    def comment(self, parent: str, depth: int) -> object:
        self.count += 1
        fullname = f"t1_kx{self.count:05d}"
        author = self.draw(st.sampled_from(USERNAMES))
        body = self.draw(st.sampled_from(GONE) if author == "[deleted]" else written)
        score = self.draw(st.integers(-50, 10**6))
        created = self.draw(st.integers(1_200_000_000, 1_800_000_000))
        edited = self.draw(st.sampled_from([False, True, created + 60.5]))
        permalink = f"/r/cpp/comments/{POST}/comment/{fullname[3:]}/"
        self.expected.append(
            CommentSeen(
                fullname=fullname,
                submission=f"t3_{POST}",
                parent=parent,
                subreddit="cpp",
                author=RedditUserClaim(author),
                body="" if body in GONE else body,
                permalink=permalink,
                score=score,
                depth=depth,
                created_at=datetime.fromtimestamp(created, UTC),
                edited_at=None if isinstance(edited, bool) else datetime.fromtimestamp(edited, UTC),
            )
        )
        # Reddit writes "" for no replies; a listing, perhaps of stubs alone, for some.
        replies = self.comments(fullname, depth + 1) if self.draw(st.booleans()) else None
        data = {
            "name": fullname,
            "id": fullname[3:],
            "subreddit": "cpp",
            "link_id": f"t3_{POST}",
            "parent_id": parent,
            "author": author,
            "body": body,
            "body_html": _rendered(body),
            "permalink": permalink,
            "score": score,
            "depth": depth,
            "created_utc": float(created),
            "edited": edited,
            "replies": "" if replies is None else _listing(replies),
        }
        return {"kind": "t1", "data": data}


@st.composite
def comment_trees(draw: st.DrawFn) -> CommentTree:
    """A submission's comment page, HTML-escaped or as ``raw_json=1`` gives it."""
    title = draw(texts)
    selftext = draw(written)
    submission = SubmissionSeen(
        fullname=f"t3_{POST}",
        subreddit="cpp",
        author=RedditUserClaim("alice_dev", "t2_4f1k2x9"),
        title=title,
        selftext=selftext,
        score=draw(st.integers(0, 10**6)),
        num_comments=draw(st.integers(0, 500)),
    )
    page = _Page(draw, [submission])
    tree = page.comments(f"t3_{POST}", 0)
    post = {
        "kind": "t3",
        "data": {
            "name": f"t3_{POST}",
            "subreddit": "cpp",
            "author": "alice_dev",
            "author_fullname": "t2_4f1k2x9",
            "title": title,
            "selftext": selftext,
            "selftext_html": _rendered(selftext),
            "score": submission.score,
            "num_comments": submission.num_comments,
            "edited": False,
        },
    }
    text = json.dumps([_listing([post]), _listing(tree)])
    return CommentTree(_escaped(text) if draw(st.booleans()) else text, page.expected)


# -- the reader's items, for the ingest properties --------------------------------------

moments = st.sampled_from([None, T0, T0 + timedelta(hours=1), T0 + timedelta(days=1)])
authors = st.sampled_from(
    [
        None,
        RedditUserClaim("alice_dev", "t2_4f1k2x9"),
        RedditUserClaim("Alice_Dev"),  # the same user: usernames are case-insensitive
        RedditUserClaim("bob-writes"),
        RedditUserClaim("[deleted]"),
        RedditUserClaim("AutoModerator"),
    ]
)
scores = st.none() | st.integers(-100, 10**6)

submissions = st.builds(
    SubmissionSeen,
    st.sampled_from(["t3_1b3xk9q", "t3_1b3xp2r", "t3_18vaaaa"]),
    subreddit=st.sampled_from(["", "cpp"]),
    author=authors,
    title=texts,
    selftext=texts,
    url=st.sampled_from(["", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=120s"]),
    score=scores,
    num_comments=st.none() | st.integers(0, 500),
    created_at=st.none() | st.just(T0),
    edited_at=moments,
    seen_at=moments,
)
comments = st.builds(
    CommentSeen,
    st.sampled_from(["t1_kx9f2qz", "t1_kx9g7ab", "t1_kx9h1cd"]),
    submission=st.sampled_from(["", "t3_1b3xk9q"]),
    parent=st.sampled_from(["", "t3_1b3xk9q", "t1_kx9f2qz"]),
    subreddit=st.sampled_from(["", "cpp"]),
    author=authors,
    body=texts,
    score=scores,
    depth=st.none() | st.integers(0, 9),
    created_at=st.none() | st.just(T0),
    edited_at=moments,
    seen_at=moments,
)
users = st.builds(
    UserSeen,
    st.sampled_from(
        [RedditUserClaim("alice_dev", "4f1k2x9", "Alice & her compilers"), RedditUserClaim("erin")]
    ),
)
items: st.SearchStrategy[RedditSeen] = st.one_of(submissions, comments, users)
