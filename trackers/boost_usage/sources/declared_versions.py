"""The Boost version a file of a project declares, read the way each build tool writes it.

Each reader takes a file's text and gives the declarations in it, in the file's order: the
version normalised to three numbers (``1.81`` and ``1_81`` are ``1.81.0``) and its line. What
is not a plain version (a conan range ``[>=1.80 <2]``, a CMake variable) declares nothing: the
project then says which Boost it takes only to its build tool, at build time.

- A Boost header (``boost/version.hpp``, or a project's own ``#define``): ``BOOST_VERSION
  108100`` (preferred: it has the patch number) or ``BOOST_LIB_VERSION "1_81"``.
- CMake (``CMakeLists.txt``, ``*.cmake``): ``find_package(Boost 1.81 ...)``, in any case and
  across lines; comments (``# ...`` and ``#[[ ... ]]``) are left out. A range
  (``1.81...1.86``) declares its lower end.
- conan: ``conanfile.txt``'s ``[requires]`` line ``boost/1.83.0``; ``conanfile.py``'s
  ``"boost/1.83.0"`` in a ``requires`` or ``self.requires(...)`` (any quoted reference on a
  line that is not a comment).
- vcpkg (``vcpkg.json``): an ``overrides`` entry of ``boost`` or a ``boost-*`` port pins the
  version exactly, so it comes first; then a dependency's ``"version>="``. The port version
  (``1.83.0#2``) is dropped; ``builtin-baseline`` is a registry commit, not a version.
"""

import json
import re
from collections.abc import Iterator

import attrs

from core.sources.fields import json_type


class ManifestError(ValueError):
    """A manifest that cannot be read: where in it (``line 3 column 5``) and why."""

    def __init__(self, position: str, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.reason = reason


@attrs.frozen
class Declaration:
    version: str  # "1.81.0"
    line: int


_NUMBERS = re.compile(r"(\d{1,4})(?:[._](\d{1,4}))?(?:[._](\d{1,4}))?")


def normalised(text: str) -> str:
    """``1.81`` and ``1_81`` as ``1.81.0``; "" for what is not a version."""
    found = _NUMBERS.fullmatch(text.strip())
    if found is None or found[2] is None:
        return ""
    return ".".join(str(int(part or "0")) for part in found.groups())


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# -- C and C++ headers --------------------------------------------------------------------

_BOOST_VERSION = re.compile(r"^[ \t]*#[ \t]*define[ \t]+BOOST_VERSION[ \t]+(\d+)\b", re.MULTILINE)
_BOOST_LIB_VERSION = re.compile(
    r'^[ \t]*#[ \t]*define[ \t]+BOOST_LIB_VERSION[ \t]+"([0-9_]+)"', re.MULTILINE
)


def header_declarations(text: str) -> list[Declaration]:
    """The version a header's ``#define``s give: BOOST_VERSION if any, else
    BOOST_LIB_VERSION."""
    found = [
        Declaration(version, _line_at(text, match.start()))
        for match in _BOOST_VERSION.finditer(text)
        if (version := _from_boost_version(int(match[1])))
    ]
    return found or [
        Declaration(version, _line_at(text, match.start()))
        for match in _BOOST_LIB_VERSION.finditer(text)
        if (version := normalised(match[1]))
    ]


def defines_lib_version(text: str) -> bool:
    """Whether the header defines BOOST_LIB_VERSION: what makes a ``boost/version.hpp`` one of
    Boost's own."""
    return _BOOST_LIB_VERSION.search(text) is not None


def _from_boost_version(number: int) -> str:
    # BOOST_VERSION % 100 is the patch, BOOST_VERSION / 100 % 1000 the minor, / 100000 the major.
    major, minor, patch = number // 100000, number // 100 % 1000, number % 100
    return f"{major}.{minor}.{patch}" if major else ""


# -- CMake --------------------------------------------------------------------------------

# What is not code: a bracket comment, a line comment, a quoted argument (which may hold a
# "#", or text that reads like a command).
_CMAKE_TOKENS = re.compile(r'#\[(?P<eq>=*)\[[\s\S]*?\](?P=eq)\]|#[^\n]*|"(?:\\.|[^"\\])*"')
_FIND_BOOST = re.compile(r"\bfind_package\s*\(\s*boost\s+v?(\d+(?:\.\d+){1,3})", re.IGNORECASE)


def cmake_declarations(text: str) -> list[Declaration]:
    def blank(match: re.Match[str]) -> str:  # keeping the line breaks, for the lines
        return "\n" * match[0].count("\n")

    code = _CMAKE_TOKENS.sub(blank, text)
    return [
        Declaration(version, _line_at(code, match.start()))
        for match in _FIND_BOOST.finditer(code)
        if (version := normalised(match[1]))
    ]


# -- conan --------------------------------------------------------------------------------

_CONAN_REQUIREMENT = re.compile(r"^\s*boost/([^@#\s\[]+)")
_CONAN_SECTION = re.compile(r"^\s*\[([^\]]*)\]")
_CONAN_PY_REFERENCE = re.compile(r"""["']boost/([0-9][0-9._]*)(?=["'@#])""")


def conan_txt_declarations(text: str) -> list[Declaration]:
    found: list[Declaration] = []
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.partition("#")[0]
        heading = _CONAN_SECTION.match(line)
        if heading is not None:
            section = heading[1].strip().lower()
            continue
        requirement = _CONAN_REQUIREMENT.match(line)
        if section in ("requires", "tool_requires", "build_requires") and requirement:
            version = normalised(requirement[1])
            if version:
                found.append(Declaration(version, number))
    return found


def conan_py_declarations(text: str) -> list[Declaration]:
    return [
        Declaration(version, number)
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#")
        for match in _CONAN_PY_REFERENCE.finditer(line)
        if (version := normalised(match[1]))
    ]


# -- vcpkg --------------------------------------------------------------------------------


def vcpkg_declarations(text: str) -> list[Declaration]:
    """Overrides first, then minimum versions; raises ManifestError for what is no manifest."""
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestError(
            f"line {error.lineno} column {error.colno}", f"not valid JSON: {error.msg}"
        ) from None
    if not isinstance(manifest, dict):
        raise ManifestError("", f"not a vcpkg manifest but {json_type(manifest)}")
    pinned = [
        raw
        for entry in _entries(manifest, "overrides")
        if _is_boost(entry.get("name"))
        for raw in (entry.get("version"), entry.get("version-string"), entry.get("version-semver"))
        if isinstance(raw, str)
    ]
    minimum = [
        raw
        for entry in _entries(manifest, "dependencies")
        if _is_boost(entry.get("name")) and isinstance(raw := entry.get("version>="), str)
    ]
    return [
        Declaration(version, _line_of(text, raw))
        for raw in (*pinned, *minimum)
        if (version := normalised(raw.partition("#")[0]))
    ]


def _entries(manifest: dict[str, object], name: str) -> Iterator[dict[str, object]]:
    value = manifest.get(name)
    if value is None:
        return
    if not isinstance(value, list):
        raise ManifestError("", f"{name} should be an array, not {json_type(value)}")
    yield from (entry for entry in value if isinstance(entry, dict))


def _is_boost(name: object) -> bool:
    return isinstance(name, str) and (name == "boost" or name.startswith("boost-"))


def _line_of(text: str, raw: str) -> int:
    """The line of the manifest's first ``"<raw>"``: JSON has no lines, the person does."""
    offset = text.find(json.dumps(raw))
    return _line_at(text, offset) if offset >= 0 else 1
