"""What the Boost usage tracker stores and how: projects and their usages, for the kit's engine.

Everything a scan yields comes from the tree itself, its moments included (``changed_at``:
the newest modification time of its files and folders), so that scanning a tree that did not
change changes nothing. A project seen in a tree that changed later takes every value that
scan knows. A usage keeps what its first sighting said, its line and the moment its file was
as of, and disappears: a scan that read the whole project marks each stored usage it no
longer found as gone at the tree's ``changed_at``; nothing is deleted.

Erasure: a project's owner erased on request leaves the project without an owner; its
usages stay.
"""

from core.protocols.refs import GitHubAccountRef
from core.protocols.trackers import Disappears, FillGaps, NewerWins, RecordType, Source, Tracker
from trackers.boost_usage.records import Project, Usage
from trackers.boost_usage.sources.project_tree import project_fingerprint, read_project_tree

PROJECTS = RecordType[Project[GitHubAccountRef], str](
    "boost_usage.project", Project, ("key",), NewerWins(at="changed_at")
)
USAGES = RecordType[Usage, tuple[str, str, str]](
    "boost_usage.usage",
    Usage,
    ("project", "path", "header"),
    FillGaps(),
    "boost_usage.usage {r.project}:{r.path} {r.header}",
    disappears=Disappears(("project",)),
)

BOOST_USAGE = Tracker(
    "boost_usage",
    record_types=(PROJECTS, USAGES),
    unreadable="boost_usage.item",
    sources=(
        Source(
            "boost-usage",
            "local C/C++ source trees, one project per folder: the Boost headers each file"
            " includes, the Boost version the project declares, an embedded copy of Boost",
            read_project_tree,
            fingerprint=project_fingerprint,
        ),
    ),
)
