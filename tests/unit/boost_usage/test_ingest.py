"""The Boost usage ingest on the memory adapters: no database, no Django."""

import os
import tempfile
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.memory import MemoryUnitOfWork
from core.identity import IdentityHub
from core.ingest import IngestSummary, ingest
from core.ingest.collection import collect
from core.protocols.ingest import Outcome
from core.protocols.refs import GitHubAccountRef
from trackers.boost_usage.ingest import BOOST_USAGE, PROJECTS, USAGES
from trackers.boost_usage.records import Project, Usage
from trackers.boost_usage.sources import project_tree
from trackers.boost_usage.sources.project_tree import read_project_tree

T0 = datetime(2025, 3, 1, tzinfo=UTC)
[SOURCE] = BOOST_USAGE.sources

# A project's state: each file's Boost headers, in include order.
type Tree = Mapping[str, list[str]]

trees = st.dictionaries(
    st.sampled_from(["a.cpp", "src/b.hpp", "src/deep/c.cc", "d.h"]),
    st.lists(st.sampled_from(["boost/asio.hpp", "boost/json.hpp", "boost/core/span.hpp"])),
    max_size=4,
)


def write_tree(root: Path, tree: Tree, at: datetime = T0) -> None:
    """The project as ``tree``, every file and folder last changed ``at``."""
    for old in root.rglob("*"):
        if old.is_file():
            old.unlink()
    for name, headers in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"#include <{header}>\n" for header in headers))
    nanoseconds = int(at.timestamp()) * 10**9
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(nanoseconds, nanoseconds))


def expected(tree: Tree) -> set[tuple[str, str]]:
    return {(name, header) for name, headers in tree.items() for header in headers}


def scan(uow: MemoryUnitOfWork, root: Path, batch_size: int = 3) -> IngestSummary:
    items = read_project_tree(root, None)
    return ingest(
        BOOST_USAGE, items, uow, IdentityHub(uow), origin=str(root), batch_size=batch_size
    )


def stored_usages(uow: MemoryUnitOfWork) -> dict[tuple[str, str], Usage]:
    with uow:
        store = uow.records(USAGES)
        found = store.get_many(store.keys_where({}))
    return {(usage.path, usage.header): usage for usage in found.values()}


def stored_project(uow: MemoryUnitOfWork) -> Project[GitHubAccountRef]:
    with uow:
        store = uow.records(PROJECTS)
        [project] = store.get_many(store.keys_where({})).values()
    return project


@settings(max_examples=30, deadline=None)
@given(trees, st.integers(min_value=1, max_value=5))
def test_given_a_scan_stored_when_the_unchanged_tree_is_scanned_again_then_nothing_changes(
    tree: Tree, batch_size: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_tree(root, tree)
        uow = MemoryUnitOfWork()
        scan(uow, root, batch_size)
        stored = dict(uow.state)

        again = scan(uow, root, batch_size)

    assert uow.state == stored
    for record_type in (PROJECTS, USAGES):
        counts = again.counts.get(record_type.name, Counter())
        assert counts[Outcome.ADDED] == counts[Outcome.UPDATED] == 0


@settings(max_examples=30, deadline=None)
@given(st.lists(trees, min_size=1, max_size=5))
def test_given_any_scans_then_present_usages_are_the_last_scan_s_and_none_is_deleted(
    scans: list[Tree],
) -> None:
    uow = MemoryUnitOfWork()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for day, tree in enumerate(scans):
            write_tree(root, tree, T0 + timedelta(days=day))
            scan(uow, root)

    usages = stored_usages(uow)
    ever = set().union(*(expected(tree) for tree in scans))
    assert set(usages) == ever
    assert {key for key, usage in usages.items() if usage.gone_at is None} == expected(scans[-1])
    assert stored_project(uow).changed_at == T0 + timedelta(days=len(scans) - 1)


def test_given_a_removed_include_when_rescanned_then_it_is_gone_at_the_scan_and_kept(
    tmp_path: Path,
) -> None:
    # given a project whose file includes two headers
    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp", "boost/json.hpp"]})
    uow = MemoryUnitOfWork()
    scan(uow, tmp_path)

    # when one include is removed and the project scanned a day later
    write_tree(tmp_path, {"a.cpp": ["boost/json.hpp"]}, T0 + timedelta(days=1))
    summary = scan(uow, tmp_path)

    # then the removed one is kept, gone since that scan; the other is as first seen
    usages = stored_usages(uow)
    assert usages[("a.cpp", "boost/asio.hpp")].gone_at == T0 + timedelta(days=1)
    assert usages[("a.cpp", "boost/json.hpp")].gone_at is None
    assert usages[("a.cpp", "boost/json.hpp")].first_seen == T0
    assert summary.counts[USAGES.name][Outcome.UPDATED] == 1


def test_given_a_gone_usage_when_it_comes_back_then_it_is_present_and_keeps_its_first_sighting(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp"]})
    uow = MemoryUnitOfWork()
    scan(uow, tmp_path)
    write_tree(tmp_path, {"a.cpp": []}, T0 + timedelta(days=1))
    scan(uow, tmp_path)

    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp"]}, T0 + timedelta(days=2))
    scan(uow, tmp_path)

    usage = stored_usages(uow)[("a.cpp", "boost/asio.hpp")]
    assert (usage.gone_at, usage.first_seen) == (None, T0)


def test_given_a_file_that_became_unreadable_then_its_usages_do_not_look_gone(
    tmp_path: Path,
) -> None:
    # given a scanned project
    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp"], "b.cpp": ["boost/json.hpp"]})
    uow = MemoryUnitOfWork()
    scan(uow, tmp_path)

    # when one file grows past the size limit and the project is scanned again
    (tmp_path / "a.cpp").write_text("#include <boost/asio.hpp>\n" + "//" * project_tree.FILE_LIMIT)
    summary = scan(uow, tmp_path)

    # then the problem is reported and no usage is marked gone
    [problem] = summary.problems
    assert problem.path == str(tmp_path / "a.cpp") and "skipped" in problem.reason
    assert all(usage.gone_at is None for usage in stored_usages(uow).values())


# -- collecting: the kit's incremental re-scan ---------------------------------------------


def run_collect(uow: MemoryUnitOfWork, *paths: Path, full: bool = False) -> IngestSummary:
    return collect(BOOST_USAGE, SOURCE, list(paths), uow, IdentityHub(uow), full=full)


def test_given_an_unchanged_project_when_collected_again_then_it_is_not_rescanned(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp"]})
    uow = MemoryUnitOfWork()
    first = run_collect(uow, tmp_path)

    second = run_collect(uow, tmp_path)

    assert first.counts[USAGES.name][Outcome.ADDED] == 1 and first.files_read == 1
    assert second.already_read == [str(tmp_path)] and second.counts == {}


def test_given_a_changed_project_when_collected_again_then_it_is_rescanned_whole(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp"], "b.cpp": ["boost/json.hpp"]})
    uow = MemoryUnitOfWork()
    run_collect(uow, tmp_path)

    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp", "boost/core/span.hpp"]})
    again = run_collect(uow, tmp_path)

    assert again.already_read == []
    assert dict(again.counts[USAGES.name]) == {
        Outcome.ADDED: 1,
        Outcome.UNCHANGED: 1,
        Outcome.UPDATED: 1,  # b.cpp's json include, gone
    }
    assert stored_usages(uow)[("b.cpp", "boost/json.hpp")].gone_at is not None


def test_given_a_partial_scan_when_collected_again_then_the_project_is_scanned_again(
    tmp_path: Path,
) -> None:
    # given a project with a file too big to read: its scan is partial
    write_tree(tmp_path, {"a.cpp": ["boost/asio.hpp"]})
    (tmp_path / "big.cpp").write_text("//" * project_tree.FILE_LIMIT)
    uow = MemoryUnitOfWork()
    first = run_collect(uow, tmp_path)

    # when collected again unchanged; then it is read again, not taken as read
    second = run_collect(uow, tmp_path)

    assert len(first.problems) == len(second.problems) == 1
    assert second.already_read == [] and second.files_read == 1


def test_given_several_projects_then_each_is_its_own_project_with_its_own_usages(
    tmp_path: Path,
) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    for root in (one, other):
        root.mkdir()
        write_tree(root, {"a.cpp": ["boost/asio.hpp"]})
    uow = MemoryUnitOfWork()

    summary = run_collect(uow, one, other)

    assert summary.files_read == 2
    assert summary.counts[PROJECTS.name][Outcome.ADDED] == 2
    assert summary.counts[USAGES.name][Outcome.ADDED] == 2


def test_given_a_missing_path_when_collected_then_one_problem_and_nothing_read(
    tmp_path: Path,
) -> None:
    uow = MemoryUnitOfWork()

    summary = run_collect(uow, tmp_path / "missing")

    assert [str(problem) for problem in summary.problems] == [
        f"{tmp_path / 'missing'}: no such folder"
    ]
    assert summary.files_read == 0 and summary.counts == {}
