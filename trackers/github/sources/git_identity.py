"""Git identities in commits: noreply addresses and ``Co-authored-by:`` trailers.

Both readers use these rules, so a commit read from the API (rest_json) and the same commit
read from a local clone (git_history) give the same people; otherwise each ingest would undo
the other's. The trailer rules are git's own (trailer.c).
"""

import re

from core.protocols.claims import GitAuthorClaim, GitHubAccountClaim
from trackers.github.records import PersonClaim

# 12345+login@users.noreply.github.com (since 2017) or login@users.noreply.github.com (before).
# Logins are letters, digits and hyphens, "_" in enterprise-managed ones, "[bot]" for apps.
_NOREPLY = re.compile(
    # At most 19 digits: ids are 64-bit, and int() refuses digit strings past 4300.
    r"(?:(?P<id>[1-9][0-9]{0,18})\+)?(?P<login>[A-Za-z0-9][A-Za-z0-9_-]*(?:\[bot\])?)"
    r"@users\.noreply\.github\.com",
    # ASCII: without it IGNORECASE lets the Kelvin sign match "k", which no login holds.
    re.IGNORECASE | re.ASCII,
)
_MAX_BIGINT = 2**63 - 1
_TRAILER = re.compile(r"(?P<key>[A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(?P<value>.*)")
# Lines git itself writes into a trailer block; with one present, git accepts a block that is
# at least a quarter trailers (trailer.c). Without one, every line must be a trailer.
_GIT_GENERATED = ("Signed-off-by: ", "(cherry picked from commit ")


def noreply_account(email: str) -> GitHubAccountClaim | None:
    """The account a GitHub noreply address encodes: ``12345+login@...`` gives the id and
    the login, the legacy ``login@...`` the login alone."""
    match = _NOREPLY.fullmatch(email.strip())
    if match is None:
        return None
    digits = match["id"]
    github_id = int(digits) if digits else None
    if github_id is not None and github_id > _MAX_BIGINT:
        return None
    return GitHubAccountClaim(github_id=github_id, login=match["login"])


def git_person(name: str, email: str) -> PersonClaim | None:
    """A (name, email) pair: the GitHub account when the address encodes one, else the pair
    as given (the hub normalises it and knows which addresses many people share)."""
    account = noreply_account(email)
    if account is not None:
        return account
    if not name.strip() and not email.strip():
        return None
    return GitAuthorClaim(name=name, email=email)


def commit_message(message: str) -> str:
    """Line ends as git log gives them, without the trailing newline the API drops."""
    return message.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def co_authors(message: str, author: PersonClaim | None = None) -> tuple[PersonClaim, ...]:
    """The ``Co-authored-by:`` trailers of a message, in order, each person once and the
    author not at all."""
    if "co-authored-by" not in message.lower():  # the common case, decided cheaply
        return ()
    seen = {_person_key(author)} if author is not None else set()
    found: list[PersonClaim] = []
    for key, value in _trailers(message):
        address = _address(value) if key.lower() == "co-authored-by" else None
        person = git_person(*address) if address is not None else None
        if person is None or _person_key(person) in seen:
            continue
        seen.add(_person_key(person))
        found.append(person)
    return tuple(found)


def _trailers(message: str) -> list[tuple[str, str]]:
    """Git's trailers: ``Key: value`` lines of the last paragraph, when that is not the
    subject; an indented line continues the trailer above it."""
    lines = message.split("\n")
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    # Leading blank lines do not count: the subject is the first line with text.
    subject = next((i for i, line in enumerate(lines) if line.strip()), end)
    if start <= subject:
        return []
    trailers: list[list[str]] = []
    others = 0
    recognised = False
    continues_trailer = False
    for offset, line in enumerate(lines[start:end]):
        if offset and line[:1] in (" ", "\t"):
            if continues_trailer:
                trailers[-1][1] += " " + line.strip()
            continue
        recognised = recognised or line.startswith(_GIT_GENERATED)
        match = _TRAILER.fullmatch(line)
        continues_trailer = match is not None
        if match is None:
            others += 1
        else:
            trailers.append([match["key"], match["value"].strip()])
    if not trailers or (others and not (recognised and len(trailers) * 3 >= others)):
        return []
    return [(key, value) for key, value in trailers]


def _address(value: str) -> tuple[str, str] | None:
    """``Name <email>``, tolerating a missing ``>``, or a bare address after an optional name."""
    if "<" in value:
        name, _, rest = value.partition("<")
        email = rest.partition(">")[0]
    else:
        words = value.split()
        if not words or "@" not in words[-1]:
            return None
        name, email = " ".join(words[:-1]), words[-1]
    name, email = name.strip(), email.strip()
    if not name and not email:
        return None
    return name, email


def _person_key(person: PersonClaim) -> tuple[str, str]:
    if isinstance(person, GitHubAccountClaim):
        return ("github", str(person.github_id) if person.github_id else person.login.lower())
    return (person.name.strip().casefold(), person.email.strip().casefold())
