"""Hypothesis strategies for WG21 items: index entries as JSON values, and records as the
readers yield them."""

from datetime import date

from hypothesis import strategies as st

from core.protocols.claims import WG21AuthorClaim
from trackers.wg21.records import DocumentSeen, Mailing, Paper

# What reaches a database: no NUL, no surrogates (PostgreSQL rejects both).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20)

AUTHOR_STRINGS = [
    "Michał Dominiak, Lewis Baker and Eric Niebler",
    "J. JarviB. Stroustrup",
    "and Alisdair Meredith",
    "J. Daniel Garc\ufffda, J. Daniel Garcia",
    "jfbastien@apple.com",
    "Barry Revzin et al.",
]
DATES = ["2024-06-28", "10 September 2002", "Sept 1999", "unknown", "2014-13-01", ""]
SUBGROUPS = ["LEWG", "lewg", "Library Evoution", "EWGI SG17: EWG Incubator", "SG1, LEWG", ""]

# A JSON value as an index might hold one: mostly of the right type, sometimes not.
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text)


def _field(right: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(right, right, right, json_scalars, st.lists(json_scalars, max_size=2))


def index_entries() -> st.SearchStrategy[object]:
    entry = st.fixed_dictionaries(
        {},
        optional={
            "type": _field(st.sampled_from(["paper", "issue", "editorial", "standing-document"])),
            "title": _field(text),
            "author": _field(st.sampled_from(AUTHOR_STRINGS) | text),
            "submitter": _field(text),
            "date": _field(st.sampled_from(DATES) | text),
            "subgroup": _field(st.sampled_from(SUBGROUPS) | text),
            "link": _field(text),
            "long_link": _field(
                st.just("https://www.open-std.org/jtc1/sc22/wg21/docs/papers/2024/x.pdf")
            ),
            "github_url": _field(text),
            "issues": _field(st.lists(st.one_of(text, st.integers(0, 9999)), max_size=3)),
        },
    )
    return st.one_of(entry, entry, entry, json_scalars, st.lists(json_scalars, max_size=2))


authors = st.lists(
    st.builds(
        WG21AuthorClaim,
        st.sampled_from(["Eric Niebler", "B. Stroustrup", "Bjarne Stroustrup", "Garc\ufffda"]),
        st.sampled_from(["", "eric@example.com"]),
    ),
    max_size=3,
).map(tuple)

DOCUMENT_IDS = ["p2300r9", "p2300r10", "n4950", "cwg2345"]


@st.composite
def documents(draw: st.DrawFn) -> DocumentSeen:
    document_id = draw(st.sampled_from(DOCUMENT_IDS))
    paper = "p2300" if document_id.startswith("p2300") else document_id
    return DocumentSeen(
        document_id=document_id,
        paper=paper,
        revision=int(document_id[6:]) if paper == "p2300" else None,
        title=draw(text),
        authors=draw(authors),
        author_text=draw(text),
        document_date=draw(st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1))),
        year=draw(st.none() | st.integers(1990, 2030)),
        mailing=draw(st.sampled_from(["", "2024-07", "2025-02"])),
        subgroup=draw(text),
        subgroups=draw(st.lists(st.sampled_from(["LEWG", "SG1", "CWG"]), max_size=2).map(tuple)),
        previous_version=draw(st.sampled_from(["", "p2300r8"])),
        disposition=draw(text),
        url=draw(text),
        files=draw(st.lists(text, max_size=2).map(tuple)),
        issues=draw(st.lists(st.sampled_from(["cwg1", "lwg2"]), max_size=2).map(tuple)),
    )


papers = st.builds(
    Paper,
    st.sampled_from(["p2300", "n4950", "cwg2345"]),
    series=st.sampled_from(["", "p", "n"]),
    number=st.none() | st.integers(0, 10_000),
    kind=st.sampled_from(["", "paper", "issue"]),
    github_url=text,
)
mailings = st.builds(Mailing, st.sampled_from(["2024-07", "2025-02"]), title=text)
items = st.one_of(documents(), papers, mailings)
