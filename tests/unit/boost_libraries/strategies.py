"""Hypothesis strategies for the records the Boost libraries reader yields."""

from datetime import UTC, datetime

from hypothesis import strategies as st

from core.protocols.claims import BoostAuthorClaim
from core.protocols.refs import GitHubRepositoryRef
from trackers.boost_libraries.records import (
    Dependency,
    DependencyChange,
    Header,
    Library,
    LibraryVersionSeen,
    Module,
    Version,
    sort_key,
)

# What reaches a database: no NUL, no surrogates (PostgreSQL rejects both).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20)
NUMBERS = [(1, 9, 0), (1, 85, 0), (1, 86, 0), (1, 86, 1)]
versions_numbers = st.sampled_from(NUMBERS)
version_texts = versions_numbers.map(lambda n: ".".join(map(str, n)))
module_names = st.sampled_from(["asio", "config", "numeric_conversion", "build"])
library_keys = st.sampled_from(["asio", "functional/hash", "numeric/conversion"])
claims = st.builds(
    BoostAuthorClaim,
    st.sampled_from(["Peter Dimov", "Beman Dawes", "Ion Gaztañaga"]),
    st.sampled_from(["", "pdimov@gmail.com", "bdawes@acm.org"]),
)


@st.composite
def spans(draw: st.DrawFn) -> tuple[str, str, int]:
    first, last = sorted(draw(st.lists(versions_numbers, min_size=2, max_size=2)))
    said_first = draw(st.booleans())
    return (
        ".".join(map(str, first)) if said_first else "",
        ".".join(map(str, last)),
        sort_key(last),
    )


@st.composite
def versions(draw: st.DrawFn) -> Version:
    number = draw(versions_numbers)
    version = ".".join(map(str, number))
    return Version(
        version,
        f"boost-{version}",
        draw(st.sampled_from(["a" * 40, "b" * 40])),
        draw(
            st.none()
            | st.datetimes(datetime(2010, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC))  # noqa: DTZ001 (hypothesis takes naive bounds)
        ),
        sort_key(number),
    )


@st.composite
def modules(draw: st.DrawFn) -> Module:
    name = draw(module_names)
    return Module(
        name,
        f"libs/{name}",
        f"../{name}.git",
        draw(st.none() | st.just(GitHubRepositoryRef(f"boostorg/{name}"))),
        *draw(spans()),
    )


libraries = st.builds(
    lambda key, module, span: Library(key, module, *span), library_keys, module_names, spans()
)
headers = st.builds(
    lambda path, module, span: Header(path, module, *span),
    st.sampled_from(["boost/asio.hpp", "boost/config.hpp", "boost/functional/hash.hpp"]),
    module_names,
    spans(),
)
library_versions = st.builds(
    LibraryVersionSeen,
    library_keys,
    version_texts,
    module=module_names,
    name=text,
    description=text,
    categories=st.lists(st.sampled_from(["IO", "Math", "Data"]), max_size=2).map(tuple),
    cxxstd=st.sampled_from(["", "03", "11"]),
    authors=st.lists(claims, max_size=2).map(tuple),
    maintainers=st.lists(claims, max_size=2).map(tuple),
)
dependencies = st.builds(
    Dependency, module_names, version_texts, module_names, st.sampled_from(["", "boost/asio.hpp"])
)
changes = st.builds(
    DependencyChange, module_names, module_names, version_texts, st.booleans(), version_texts
)
items = st.one_of(
    versions(), modules(), libraries, headers, library_versions, dependencies, changes
)
