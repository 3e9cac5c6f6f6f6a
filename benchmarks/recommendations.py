"""Recommendation rules over synthetic profiles of every kind: time and peak memory per size.

    uv run python -m benchmarks.recommendations [--profiles 10000 100000]

For each size, profiles of every kind (git authors, GitHub accounts, list senders, Slack,
Discord, Reddit, YouTube, WG21 and Boost authors), 20% of them duplicates: the same person
again under another kind, with the same address, a GitHub noreply address, the same username
or the same name on another address. Names are unique but for 2% of people, who share
theirs with about one other, so that the rate of namesakes is the same at every size. Then:

1. ``core.identity.recommending.recommend`` over every profile (a full run), timed, and run
   again under tracemalloc for its peak memory.
2. An incremental run on the largest size: ``recommend_changed`` for 100 changed profiles
   against an index of all of them (``SnapshotIndex``), as ``trackerhub identities recommend``
   does between collects.

Absolute times depend on the machine; the ratio of time per profile between sizes is what to
compare: near 1.0x is linear.
"""

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial

import attrs

from core.identity.recommending import SnapshotIndex, recommend, recommend_changed
from core.protocols.records import EmailRecord, ProfileRecord, ProfileSnapshot
from core.protocols.refs import ProfileKind

DUPLICATES = 0.2
CHANGED = 100
HOMONYMS = 0.02

_FIRST = [
    "Anna", "Boris", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivan", "Jana",
    "Kenji", "Lena", "Marek", "Nadia", "Omar", "Petra", "Quentin", "Rosa", "Stefan", "Tomas",
    "Uma", "Viktor", "Wei", "Xenia", "Yusuf", "Zofia",
]  # fmt: skip
_SYLLABLES = ["ka", "lo", "mi", "ne", "ro", "sa", "tu", "vi", "zen", "bar", "dor", "fel"]
_HOSTS = ["gmail.com", "yahoo.com", "outlook.com", "mail.ru", "posteo.de", "fastmail.fm"]
_USERNAME_KINDS = [ProfileKind.GITHUB, ProfileKind.SLACK, ProfileKind.DISCORD, ProfileKind.REDDIT]
_EMAIL_KINDS = [ProfileKind.GIT_AUTHOR, ProfileKind.MAILING_LIST, ProfileKind.BOOST_AUTHOR]
_NAME_KINDS = [ProfileKind.YOUTUBE, ProfileKind.WG21]


@attrs.frozen
class Person:
    number: int
    name: str
    email: str
    username: str


def _syllables(number: int) -> str:
    word = ""
    while True:
        number, digit = divmod(number, len(_SYLLABLES))
        word += _SYLLABLES[digit]
        if not number:
            return word.capitalize()


def _person(number: int, homonyms: int, rng: random.Random) -> Person:
    """Names are unique but for ``HOMONYMS`` of people, who share theirs with about one
    other: the same rate of namesakes at every size."""
    first = rng.choice(_FIRST)
    if rng.random() < HOMONYMS:
        last = _syllables(rng.randrange(homonyms)) + "son"
    else:
        last = _syllables(number)
    username = f"{first[:3].lower()}{last.lower()}{number % 97}"
    email = f"{first.lower()}.{last.lower()}{number}@{rng.choice(_HOSTS)}"
    return Person(number, f"{first} {last}", email, username)


def _snapshot(
    profile_id: int, kind: ProfileKind, person: Person, emails: tuple[str, ...], *, alias: bool
) -> ProfileSnapshot:
    """A profile of ``kind`` for ``person``; ``alias`` gives it another name form (initial)."""
    first, _, last = person.name.partition(" ")
    name = f"{first[0]}. {last}" if alias else person.name
    username = external_id = ""
    key = f"{kind.value}-{profile_id}"
    if kind in _USERNAME_KINDS:
        username = person.username
        emails = emails if kind is ProfileKind.GITHUB else ()
        if kind is ProfileKind.GITHUB:
            external_id = str(1000 + person.number)
            key = f"id:{external_id}"
    elif kind in _NAME_KINDS:
        emails = ()
    record = ProfileRecord(
        id=profile_id,
        kind=kind,
        key=key,
        display_name=name,
        username=username,
        external_id=external_id,
    )
    return ProfileSnapshot(
        record, tuple(EmailRecord(profile_id, e, is_primary=i == 0) for i, e in enumerate(emails))
    )


def profiles(n: int, seed: int = 10) -> list[ProfileSnapshot]:
    """``n`` profiles, ``DUPLICATES`` of them a second profile of someone already there."""
    rng = random.Random(seed)
    kinds = list(ProfileKind)
    originals = n - int(n * DUPLICATES)
    homonyms = max(1, int(originals * HOMONYMS / 2))
    people = [_person(i, homonyms, rng) for i in range(originals)]
    found = [
        _snapshot(i + 1, rng.choice(kinds), person, (person.email,), alias=False)
        for i, person in enumerate(people)
    ]
    for profile_id in range(originals + 1, n + 1):
        original = found[rng.randrange(originals)]
        person = people[original.record.id - 1]
        kind = rng.choice([k for k in kinds if k is not original.record.kind])
        way = rng.randrange(4)
        if way == 0:  # the same address
            emails: tuple[str, ...] = (person.email,)
        elif way == 1:  # a GitHub noreply address next to the account
            emails = (f"{1000 + person.number}+{person.username}@users.noreply.github.com",)
        else:  # the same username or name, another address
            emails = (f"{person.username}@{rng.choice(_HOSTS)}",)
        found.append(_snapshot(profile_id, kind, person, emails, alias=way == 3))
    return found


def timed[T](action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def changed(everyone: list[ProfileSnapshot], seed: int = 11) -> list[ProfileSnapshot]:
    """``CHANGED`` profiles with an address added: what a collect between runs does."""
    rng = random.Random(seed)
    picked = rng.sample(everyone, CHANGED)
    return [
        attrs.evolve(
            p,
            emails=(*p.emails, EmailRecord(p.record.id, f"new{p.record.id}@posteo.de")),
        )
        for p in picked
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profiles", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    sizes = sorted(set(args.profiles))
    if not sizes or sizes[0] < CHANGED:
        parser.error(f"each size must be at least {CHANGED}")

    per_profile: dict[int, float] = {}
    largest: list[ProfileSnapshot] = []
    for n in sizes:
        everyone = profiles(n)
        seconds, found = timed(partial(recommend, everyone))
        memory = peak(partial(recommend, everyone))
        per_profile[n] = seconds / n
        conclusive = sum(r.conclusive for r in found)
        print(
            f"{n:>9,} profiles: {seconds:7.2f} s {n / seconds:9,.0f} profiles/s,"
            f" peak {memory / 2**20:7.1f} MiB, {len(found):,} recommendations"
            f" ({conclusive:,} conclusive)"
        )
        largest = everyone
    smallest = sizes[0]
    for n in sizes[1:]:
        ratio = per_profile[n] / per_profile[smallest]
        print(f"{'time per profile, ' + f'{n:,} / {smallest:,}':<36}{ratio:7.2f}x")

    n = sizes[-1]
    index_seconds, index = timed(lambda: SnapshotIndex(largest))
    fresh = changed(largest)
    seconds, found = timed(lambda: recommend_changed(fresh, index))
    full = per_profile[n] * n
    print(
        f"incremental: {CHANGED} changed of {n:,}: {seconds * 1000:7.1f} ms,"
        f" {len(found):,} recommendations (index built in {index_seconds:.2f} s)"
    )
    print(f"{'incremental / full run':<36}{seconds / full:7.4f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
