"""Hypothesis strategies for mailing-list items."""

from datetime import UTC, datetime

from hypothesis import strategies as st

from core.protocols import MailingListSenderClaim
from trackers.mailing_lists.records import MessageSeen

# What reaches a database: no NUL, no surrogates (PostgreSQL rejects both).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)

senders = st.one_of(
    st.none(),
    st.builds(
        MailingListSenderClaim,
        st.sampled_from(["Ann", "Bob", "Dave Abrahams", ""]),
        st.sampled_from(["ann@x.org", "bob@x.org", ""]),
    ).filter(lambda c: bool(c.display_name or c.email)),
)


@st.composite
def messages(draw: st.DrawFn, ids: st.SearchStrategy[str] | None = None) -> MessageSeen:
    message_id = draw(ids if ids is not None else st.sampled_from([f"m{i}@x" for i in range(8)]))
    return MessageSeen(
        list_name=draw(st.sampled_from(["boost", "boost-users"])),
        message_id=message_id,
        message_id_hash=f"H{message_id}",
        subject=draw(text),
        sent_at=draw(
            st.none() | st.datetimes(max_value=datetime(2030, 1, 1), timezones=st.just(UTC))  # noqa: DTZ001
        ),
        sender=draw(senders),
        parent_hash=draw(st.none() | st.sampled_from(["Hm0@x", "Hm1@x"])),
        thread_hash=draw(st.sampled_from(["Hm0@x", "Hm1@x"])),
        body=draw(text),
    )
