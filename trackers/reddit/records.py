"""What the reddit tracker stores, each record class declared once.

Every record class is generic over how it holds people: a source yields it with claims
(``SubmissionSeen``, a ``Submission[RedditUserClaim]``), the store keeps it with typed refs
(``Submission[RedditUserRef]``).

Submissions and comments are keyed by their fullname, the id Reddit itself names things by
(``t3_1abcde``, ``t1_kx9f2qz``): a comment names its submission (``link_id``) and its parent
(``parent_id``) by fullname, so a comment stores whether or not the rows it names are there.

None is "the source did not say", and so is "": a ``[deleted]`` author or body reads as
nothing known, never as a value to store. Reddit has no ``updated_at``; ``seen_at`` is when
the sighting was saved, which is what decides whether it is newer than the stored record.
"""

from datetime import datetime
from typing import Generic, TypeVar

import attrs

from core.protocols.claims import RedditUserClaim
from core.protocols.trackers import person

# How a record holds people: claims as a source read them, refs as stored.
P = TypeVar("P", covariant=True)


@attrs.frozen
class Submission(Generic[P]):
    """A post (a ``t3`` thing): a link or a self post, in a subreddit."""

    fullname: str  # "t3_" and the base-36 id
    subreddit: str = ""  # without "r/", as Reddit spells it
    author: P | None = person()
    title: str = ""
    selftext: str = ""  # a self post's Markdown; "" for a link post
    url: str = ""  # where a link post points; a self post's own address
    permalink: str = ""  # the path of its comment page, "/r/cpp/comments/1abcde/title/"
    score: int | None = None
    num_comments: int | None = None
    created_at: datetime | None = None
    edited_at: datetime | None = None  # None: never edited, or edited at a time not given
    seen_at: datetime | None = None


@attrs.frozen
class Comment(Generic[P]):
    """A comment (a ``t1`` thing) on a submission, replying to it or to another comment."""

    fullname: str  # "t1_" and the base-36 id
    submission: str = ""  # the submission's fullname, "t3_..."
    parent: str = ""  # the fullname of what it replies to: the submission or a comment
    subreddit: str = ""
    author: P | None = person()
    body: str = ""  # Markdown
    permalink: str = ""
    score: int | None = None
    depth: int | None = None  # 0 for a reply to the submission; None when not in a tree
    created_at: datetime | None = None
    edited_at: datetime | None = None
    seen_at: datetime | None = None


@attrs.frozen
class UserSeen:
    """A user's ``about`` (a ``t2`` thing): a profile only, no record of its own."""

    user: RedditUserClaim = person()


# The records as sources yield them, people still claims.
SubmissionSeen = Submission[RedditUserClaim]
CommentSeen = Comment[RedditUserClaim]

type RedditSeen = Submission[RedditUserClaim] | Comment[RedditUserClaim] | UserSeen
