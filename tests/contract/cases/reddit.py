"""The reddit tracker's store cases: a submission and a comment, on every adapter."""

from core.protocols.refs import RedditUserRef
from tests.contract.cases import T1, T2, T3, T4, StoreCase
from trackers.reddit.ingest import COMMENTS, SUBMISSIONS
from trackers.reddit.records import Comment, Submission

BIG = 2**40  # scores of the front page's best posts are far from it; the column holds it

CASES = [
    StoreCase(
        SUBMISSIONS,
        full=Submission(
            fullname="t3_1b3xk9q",
            subreddit="cpp",
            author=RedditUserRef(51),
            title="Is std::expected<T, E> worth it? ünïcødé & 日本語 🚀",
            selftext="| path | ns |\n|---|---|\n| happy | 1.2 |\n\n> quoted & <escaped>? 💬",
            url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=120s",
            permalink="/r/cpp/comments/1b3xk9q/is_std_expected_t_e_worth_it/",
            score=BIG + 154,
            num_comments=42,
            created_at=T1,
            edited_at=T2,
            seen_at=T3,
        ),
        changed=Submission(
            fullname="t3_1b3xk9q",
            subreddit="cpp_questions",
            author=RedditUserRef(52),
            title="reworded",
            selftext="edited",
            url="https://www.reddit.com/r/cpp_questions/comments/1b3xk9q/reworded/",
            permalink="/r/cpp_questions/comments/1b3xk9q/reworded/",
            score=-3,
            num_comments=0,
            created_at=T2,
            edited_at=T3,
            seen_at=T4,
        ),
        sparse=Submission(fullname="t3_1b3xp2r"),
    ),
    StoreCase(
        COMMENTS,
        full=Comment(
            fullname="t1_kx9g7ab",
            submission="t3_1b3xk9q",
            parent="t1_kx9f2qz",
            subreddit="cpp",
            author=RedditUserRef(61),
            body="Fair > my numbers were for the happy path & ünïcødé only 🐛\n\n* one\n* two",
            permalink="/r/cpp/comments/1b3xk9q/comment/kx9g7ab/",
            score=12,
            depth=1,
            created_at=T1,
            edited_at=T2,
            seen_at=T3,
        ),
        changed=Comment(
            fullname="t1_kx9g7ab",
            submission="t3_1b3xp2r",
            parent="t3_1b3xp2r",
            subreddit="Cplusplus",
            author=RedditUserRef(62),
            body="edited",
            permalink="/r/Cplusplus/comments/1b3xp2r/comment/kx9g7ab/",
            score=-(BIG + 7),
            depth=0,
            created_at=T2,
            edited_at=T3,
            seen_at=T4,
        ),
        sparse=Comment(fullname="t1_c1a2b3c"),
    ),
]
