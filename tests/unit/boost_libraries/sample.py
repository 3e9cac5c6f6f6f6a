"""The content of the demo's sample mirror (adapters/django_orm/boost_libraries/samples), as
the test builder writes it: ``write_sample`` regenerates the bundled fast-import streams from
here, and the tests compare what is read with what this says."""

from pathlib import Path

from tests.support.boost_repos import Mirror, git, library_json

ASSERT_HPP = """#ifndef BOOST_ASSERT_HPP
#define BOOST_ASSERT_HPP
#include <boost/config.hpp>
#include <cassert>
#define BOOST_ASSERT(expr) assert(expr)
#endif
"""
CONFIG_HPP = """#ifndef BOOST_CONFIG_HPP
#define BOOST_CONFIG_HPP
// #include <boost/assert.hpp> is in a comment: not a dependency
#define BOOST_CONFIG_VERSION 1
#endif
"""
IGNORE_UNUSED_HPP = """#ifndef BOOST_CORE_IGNORE_UNUSED_HPP
#define BOOST_CORE_IGNORE_UNUSED_HPP
#include <boost/config.hpp>
namespace boost { template <class... T> void ignore_unused(T const&...) {} }
#endif
"""
NONCOPYABLE_HPP = """#ifndef BOOST_CORE_NONCOPYABLE_HPP
#define BOOST_CORE_NONCOPYABLE_HPP
#include <boost/config.hpp>
#endif
"""
JSON_HPP = """#ifndef BOOST_JSON_HPP
#define BOOST_JSON_HPP
#include <boost/json/value.hpp>
#endif
"""
VALUE_HPP_1_85 = """#ifndef BOOST_JSON_VALUE_HPP
#define BOOST_JSON_VALUE_HPP
#include <boost/config.hpp>
#include <boost/assert.hpp>
#include <string>
#endif
"""
VALUE_HPP_1_86 = """#ifndef BOOST_JSON_VALUE_HPP
#define BOOST_JSON_VALUE_HPP
#include <boost/config.hpp>
#include <boost/core/ignore_unused.hpp>
#if 0
#include <boost/assert.hpp>
#endif
#include <string>
#endif
"""
SRC_CPP = '#include "boost/json/value.hpp"\n#include <boost/config.hpp>\n'


def build_sample(root: Path) -> Mirror:
    """The sample mirror in ``root``: ``boost.git`` with releases 1.85.0 and 1.86.0 of the
    modules assert, config, core and json, each module's ``<name>.git`` beside it."""
    mirror = Mirror(root)
    assert_ = mirror.module(
        "assert",
        {
            "include/boost/assert.hpp": ASSERT_HPP,
            "meta/libraries.json": library_json(
                "assert",
                name="Assert",
                authors=["Peter Dimov"],
                maintainers=["Peter Dimov <pdimov -at- gmail.com>"],
                description="Customizable assert macros.",
                category=["Correctness", "Error-handling"],
                cxxstd="03",
            ),
        },
    )
    config = mirror.module(
        "config",
        {
            "include/boost/config.hpp": CONFIG_HPP,
            "meta/libraries.json": library_json(
                "config",
                name="Config",
                authors="John Maddock",
                maintainers=["John Maddock <john at johnmaddock dot co dot uk>"],
                description="Helps Boost library developers adapt to compiler idiosyncrasies.",
                category="Workarounds",
                cxxstd="03",
            ),
        },
    )
    core_files = {
        "include/boost/core/ignore_unused.hpp": IGNORE_UNUSED_HPP,
        "include/boost/core/noncopyable.hpp": NONCOPYABLE_HPP,
        "meta/libraries.json": "[\n"
        + library_json(
            "core",
            name="Core",
            authors=["Peter Dimov", "Glen Fernandes", "Andrey Semashev"],
            maintainers=[
                "Peter Dimov <pdimov -at- gmail.com>",
                "Glen Fernandes <glenjofe -at- gmail.com>",
                "Andrey Semashev <andrey.semashev -at- gmail.com>",
            ],
            description="A collection of simple core utilities with minimal dependencies.",
            category=["Miscellaneous"],
            cxxstd="03",
        )
        + "\n]\n",
    }
    core = mirror.module("core", core_files)
    json_meta = {
        "authors": ["Vinnie Falco <vinnie.falco -at- gmail.com>", "Krystian Stasiowski"],
        "maintainers": ["Dmitry Arkhipov <grisumbras -at- yandex -dot- ru>"],
        "category": ["Containers", "Data", "IO"],
        "cxxstd": "11",
    }
    json_1_85 = mirror.module(
        "json",
        {
            "include/boost/json.hpp": JSON_HPP,
            "include/boost/json/value.hpp": VALUE_HPP_1_85,
            "src/src.cpp": SRC_CPP,
            "meta/libraries.json": library_json(
                "json", name="JSON", description="JSON parsing and DOM in C++11.", **json_meta
            ),
        },
    )
    mirror.release("1.85.0", {"assert": assert_, "config": config, "core": core, "json": json_1_85})
    json_1_86 = mirror.module(
        "json",
        {
            "include/boost/json.hpp": JSON_HPP,
            "include/boost/json/value.hpp": VALUE_HPP_1_86,
            "src/src.cpp": SRC_CPP,
            "meta/libraries.json": library_json(
                "json",
                name="JSON",
                description="JSON parsing, serialization, and DOM in C++11.",
                **json_meta,
            ),
        },
    )
    mirror.release("1.86.0", {"assert": assert_, "config": config, "core": core, "json": json_1_86})
    return mirror


def write_sample(mirror: Mirror, folder: Path) -> None:
    """Each repository of the mirror as the fast-import stream the demo rebuilds it from."""
    for repo in [mirror.boost, *mirror.modules.values()]:
        stream = git(repo.path, "fast-export", "--all", "--signed-tags=strip")
        (folder / f"{repo.path.name.removesuffix('.git')}.fi").write_text(stream + "\n")
