"""Profile snapshots as the hub reports them, built by hand or drawn by Hypothesis from pools
of real-shaped values (git.git's authors, GitHub noreply addresses, relays, bots)."""

from hypothesis import strategies as st

from core.protocols.records import EmailRecord, ProfileRecord, ProfileSnapshot
from core.protocols.refs import ProfileKind


def profile(
    profile_id: int,
    kind: ProfileKind,
    name: str = "",
    *emails: str,
    username: str = "",
    key: str = "",
    external_id: str = "",
    is_bot: bool = False,
    account_type: str = "",
    identity_id: int | None = None,
) -> ProfileSnapshot:
    record = ProfileRecord(
        id=profile_id,
        kind=kind,
        key=key or f"key-{profile_id}",
        display_name=name,
        username=username,
        external_id=external_id,
        account_type=account_type,
        is_bot=is_bot,
        identity_id=identity_id,
    )
    return ProfileSnapshot(
        record,
        tuple(
            EmailRecord(profile_id, address, is_primary=index == 0)
            for index, address in enumerate(emails)
        ),
    )


def github(
    profile_id: int,
    login: str,
    github_id: int | None = None,
    name: str = "",
    *emails: str,
    is_bot: bool = False,
    account_type: str = "",
    identity_id: int | None = None,
) -> ProfileSnapshot:
    key = f"id:{github_id}" if github_id is not None else f"login:{login.casefold()}"
    external_id = "" if github_id is None else str(github_id)
    return profile(
        profile_id,
        ProfileKind.GITHUB,
        name,
        *emails,
        username=login,
        key=key,
        external_id=external_id,
        is_bot=is_bot,
        account_type=account_type,
        identity_id=identity_id,
    )


NAMES = [
    "Junio C Hamano",
    "Junio Hamano",
    "José Pérez",
    "Jose Perez",
    "B. Stroustrup",
    "Bjarne Stroustrup",
    "Jeff King",
    "Łukasz Nowak",
    "Alice via GitGitGadget",
    "Jeff King via Boost-users",
    "unknown",
    "(no author)",
    "root",
    "dependabot[bot]",
    "",
]
ADDRESSES = [
    "gitster@pobox.com",
    "junio@twinsun.com",
    "jane@example.org",
    "peff@peff.net",
    "jose@example.es",
    "1234+jdoe@users.noreply.github.com",
    "jdoe@users.noreply.github.com",
    "49699333+dependabot[bot]@users.noreply.github.com",
    "gitgitgadget@gmail.com",
    "noreply@github.com",
    "root@build.company.com",
    "junio@localhost.localdomain",
    "info@boost.org",
    "jeff@laptop",
]
USERNAMES = ["jdoe", "vinniefalco", "peff", "gitster", "root", "dependabot[bot]", ""]
# Values the default exclusions hold, as they appear in evidence.
EXCLUDED_ADDRESSES = {
    "49699333+dependabot[bot]@users.noreply.github.com",
    "gitgitgadget@gmail.com",
    "noreply@github.com",
    "root@build.company.com",
    "junio@localhost.localdomain",
    "jane@example.org",
}
EXCLUDED_NAMES = {
    "Alice via GitGitGadget",
    "Jeff King via Boost-users",
    "unknown",
    "(no author)",
    "root",
    "dependabot[bot]",
}
EXCLUDED_USERNAMES = {"root", "dependabot[bot]"}

_KINDS = sorted(ProfileKind)


@st.composite
def snapshots(draw: st.DrawFn, max_size: int = 12) -> list[ProfileSnapshot]:
    """Profiles with distinct ids, drawn from the pools so that rules often fire."""
    ids = draw(st.lists(st.integers(1, 40), unique=True, max_size=max_size))
    drawn = []
    for profile_id in ids:
        kind = draw(st.sampled_from(_KINDS))
        emails = draw(st.lists(st.sampled_from(ADDRESSES), unique=True, max_size=2))
        name = draw(st.sampled_from(NAMES))
        is_bot = draw(st.sampled_from([False, False, False, True]))
        identity_id = draw(st.none() | st.sampled_from([1, 2]))
        if kind is ProfileKind.GITHUB:
            github_id = draw(st.none() | st.sampled_from([1234, 5678]))
            login = draw(st.sampled_from(["jdoe", "vinniefalco", "peff"]))
            drawn.append(
                github(
                    profile_id,
                    login,
                    github_id,
                    name,
                    *emails,
                    is_bot=is_bot,
                    identity_id=identity_id,
                )
            )
        else:
            username = draw(st.sampled_from(USERNAMES))
            drawn.append(
                profile(
                    profile_id,
                    kind,
                    name,
                    *emails,
                    username=username,
                    is_bot=is_bot,
                    identity_id=identity_id,
                )
            )
    return drawn
