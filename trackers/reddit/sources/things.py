"""One Reddit thing's ``data`` as a record: a submission (``t3``), a comment (``t1``) or a
user's ``about`` (``t2``).

A thing is named by its fullname, its kind's prefix and its base-36 id (``t3_1abcde``); an
old or trimmed thing without ``name`` is named from its ``id``. A comment read in a tree (a
comment page) knows its submission, its parent and its depth from where it sits, when its own
fields do not say. ``[deleted]`` and ``AutoModerator`` authors are claims like any other: the hub
knows they are no one.
"""

import re
from datetime import datetime

import attrs

from core.protocols.claims import RedditUserClaim
from core.sources.fields import FieldError, shown
from trackers.reddit.records import CommentSeen, SubmissionSeen, UserSeen
from trackers.reddit.sources.values import ThingData

# Base-36 ids; 13 digits hold any 64-bit number, which no Reddit id comes near.
_FULLNAME = re.compile(r"t[1-6]_[0-9a-z]{1,13}")
# Subreddit names are letters, digits and underscores (a user's own: "u_name").
_SUBREDDIT = re.compile(r"[A-Za-z0-9_]{1,64}")


@attrs.frozen
class Place:
    """Where a thing sits in a comment tree: the submission the tree is under, the thing it
    hangs from, and its depth (0 right under the submission); "" and None outside a tree."""

    submission: str = ""
    parent: str = ""
    depth: int | None = None

    def under(self, comment: CommentSeen) -> "Place":
        """Where the replies of ``comment`` sit."""
        depth = comment.depth if comment.depth is not None else self.depth
        return Place(
            comment.submission or self.submission,
            comment.fullname,
            None if depth is None else depth + 1,
        )


def fullname_of(data: ThingData, kind: str) -> str:
    """The thing's fullname, from ``name`` or else ``id``; FieldError when neither is one."""
    name = data.text("name").strip().lower()
    if not name:
        given = data.text("id").strip().lower()
        if not given:
            raise FieldError("no name or id")
        name = given if given.startswith(f"{kind}_") else f"{kind}_{given}"
    if not name.startswith(f"{kind}_") or not _FULLNAME.fullmatch(name):
        raise FieldError(f"name {shown(name)} is not the fullname of a {kind} thing")
    return name


def submission(data: ThingData, seen_at: datetime | None) -> SubmissionSeen:
    hidden = bool(data.flag("hide_score"))  # absent or null: the score is shown
    return SubmissionSeen(
        fullname=fullname_of(data, "t3"),
        subreddit=_subreddit(data),
        author=_author(data),
        title=data.text("title"),
        selftext=data.said("selftext"),
        url=data.text("url"),
        permalink=data.text("permalink"),
        score=None if hidden else data.integer("score"),
        num_comments=data.integer("num_comments"),
        created_at=data.unix_moment("created_utc"),
        edited_at=data.edited(),
        seen_at=seen_at,
    )


def comment(data: ThingData, seen_at: datetime | None, place: Place) -> CommentSeen:
    depth = data.integer("depth")
    # A new comment's score is hidden for a while in some subreddits: its 1 means nothing yet.
    hidden = bool(data.flag("score_hidden"))
    return CommentSeen(
        fullname=fullname_of(data, "t1"),
        submission=_reference(data, "link_id", ("t3",)) or place.submission,
        parent=_reference(data, "parent_id", ("t1", "t3")) or place.parent,
        subreddit=_subreddit(data),
        author=_author(data),
        body=data.said("body"),
        permalink=data.text("permalink"),
        score=None if hidden else data.integer("score"),
        depth=depth if depth is not None else place.depth,
        created_at=data.unix_moment("created_utc"),
        edited_at=data.edited(),
        seen_at=seen_at,
    )


def user(data: ThingData) -> UserSeen:
    """A ``/user/{name}/about`` response; its profile's title is the display name."""
    name = data.text("name").strip()
    if not name:
        raise data.missing("name")
    profile = data.child("subreddit")
    given = data.text("id").strip()
    return UserSeen(
        RedditUserClaim(
            name,
            reddit_user_id=given,
            display_name=profile.text("title") if profile is not None else "",
        )
    )


def _author(data: ThingData) -> RedditUserClaim | None:
    name = data.text("author").strip()
    if not name:
        return None
    # Older data has no author_fullname: the username alone is the key anyway.
    return RedditUserClaim(name, reddit_user_id=data.text("author_fullname").strip())


def _subreddit(data: ThingData) -> str:
    name = data.text("subreddit").strip().removeprefix("/").removeprefix("r/")
    if name and not _SUBREDDIT.fullmatch(name):
        raise FieldError(f"subreddit {shown(name)} is not a subreddit name")
    return name


def _reference(data: ThingData, key: str, kinds: tuple[str, ...]) -> str:
    """A field naming another thing by fullname, one of ``kinds``; "" when absent."""
    name = data.text(key).strip().lower()
    if name and not (name[:2] in kinds and _FULLNAME.fullmatch(name)):
        wanted = " or ".join(kinds)
        raise FieldError(f"{key} {shown(name)} is not the fullname of a {wanted} thing")
    return name
