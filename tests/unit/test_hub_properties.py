"""Properties of the hub's resolution, on the memory adapter: no database, no Django."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.protocols import (
    GitAuthorClaim,
    GitHubAccountClaim,
    InvalidProfileClaim,
    MailingListSenderClaim,
    ProfileClaim,
    ProfileRef,
    RedditUserClaim,
    SlackUserClaim,
    WG21AuthorClaim,
)
from core.protocols.events import HubEvent

LOGINS = {1: "alpha", 2: "Beta", 3: "gamma"}

claims = st.lists(
    st.one_of(
        # An id always travels with its login here; see test_contract's stateful model.
        st.builds(
            lambda i, with_id: GitHubAccountClaim(
                github_id=i if with_id else None, login=LOGINS[i]
            ),
            st.sampled_from(sorted(LOGINS)),
            st.booleans(),
        ),
        st.builds(SlackUserClaim, st.sampled_from(["U1", "U2"]), display_name=st.text(max_size=5)),
        st.builds(
            GitAuthorClaim,
            st.sampled_from(["Ann", "ann", "Bob", ""]),
            st.sampled_from(["ann@x.org", "ANN@x.org", "", "noreply@github.com"]),
        ),
        st.builds(MailingListSenderClaim, st.sampled_from(["Ann", "Bob"]), st.just("")),
        st.builds(RedditUserClaim, st.sampled_from(["spez", "SPEZ", "[deleted]"])),
        st.builds(WG21AuthorClaim, st.sampled_from(["B. Stroustrup", "b. stroustrup"])),
    ),
    max_size=12,
)


def partition(refs: list[ProfileRef | None]) -> list[int | None]:
    """Each position's profile numbered by first appearance: comparable across hubs."""
    seen: dict[ProfileRef, int] = {}
    return [None if ref is None else seen.setdefault(ref, len(seen)) for ref in refs]


@given(claims)
def test_resolving_the_same_batch_twice_changes_nothing(
    batch: list[ProfileClaim[ProfileRef]],
) -> None:
    events: list[HubEvent] = []
    hub = IdentityHub(MemoryUnitOfWork(), events.append)
    first = hub.get_or_create_many(batch)
    counts = hub.count_profiles()
    events.clear()

    second = hub.get_or_create_many(batch)

    assert second == first
    assert hub.count_profiles() == counts
    assert events == []


@given(claims)
def test_one_batch_and_one_claim_at_a_time_name_the_same_profiles(
    batch: list[ProfileClaim[ProfileRef]],
) -> None:
    together = IdentityHub(MemoryUnitOfWork()).get_or_create_many(batch)
    one_by_one_hub = IdentityHub(MemoryUnitOfWork())
    one_by_one = [one_by_one_hub.get_or_create(claim) for claim in batch]

    assert partition(together) == partition(one_by_one)


@given(claims)
def test_find_many_after_get_or_create_many_finds_every_profile(
    batch: list[ProfileClaim[ProfileRef]],
) -> None:
    hub = IdentityHub(MemoryUnitOfWork())
    created = hub.get_or_create_many(batch)

    assert hub.find_many(batch) == created


@given(claims)
def test_a_failed_batch_leaves_the_store_as_it_was(batch: list[ProfileClaim[ProfileRef]]) -> None:
    hub = IdentityHub(MemoryUnitOfWork())
    hub.get_or_create_many(batch[: len(batch) // 2])
    before = hub.count_profiles()

    with pytest.raises(InvalidProfileClaim):
        hub.get_or_create_many([*batch, SlackUserClaim("not a slack id")])

    assert hub.count_profiles() == before
