"""Reading the Boost version a header, a CMake file, a conan or a vcpkg manifest declares."""

import pytest

from trackers.boost_usage.sources.declared_versions import (
    Declaration,
    ManifestError,
    cmake_declarations,
    conan_py_declarations,
    conan_txt_declarations,
    defines_lib_version,
    header_declarations,
    normalised,
    vcpkg_declarations,
)

VERSION_HPP = """\
#ifndef BOOST_VERSION_HPP
#define BOOST_VERSION_HPP

//  BOOST_VERSION % 100 is the patch level
#define BOOST_VERSION 108102

//  BOOST_LIB_VERSION must be defined to be the same as BOOST_VERSION
#define BOOST_LIB_VERSION "1_81_2"

#endif
"""


@pytest.mark.parametrize(
    ("text", "version"),
    [("1.81", "1.81.0"), ("1.81.0", "1.81.0"), ("1_81", "1.81.0"), ("1_86_1", "1.86.1")],
)
def test_given_a_version_as_a_tool_writes_it_then_it_is_three_numbers(
    text: str, version: str
) -> None:
    assert normalised(text) == version


@pytest.mark.parametrize("text", ["", "1", "latest", "${Boost_MIN}", "[>=1.80 <2]", "1.2.3.4"])
def test_given_what_is_not_a_plain_version_then_it_declares_nothing(text: str) -> None:
    assert normalised(text) == ""


def test_given_boost_s_version_header_then_boost_version_gives_the_patch_level() -> None:
    assert header_declarations(VERSION_HPP) == [Declaration("1.81.2", 5)]
    assert defines_lib_version(VERSION_HPP)


def test_given_only_boost_lib_version_then_it_gives_the_version() -> None:
    text = 'x\n#  define BOOST_LIB_VERSION "1_85"\n'

    assert header_declarations(text) == [Declaration("1.85.0", 2)]


def test_given_a_header_that_only_tests_the_version_then_it_declares_nothing() -> None:
    text = "#if BOOST_VERSION >= 107000\n#define BOOST_VERSION_NUMBER 3\n#endif\n"

    assert header_declarations(text) == []
    assert not defines_lib_version(text)


def test_given_cmake_then_find_package_in_any_case_and_across_lines_declares_its_minimum() -> None:
    text = """\
cmake_minimum_required(VERSION 3.20)
# find_package(Boost 1.70 REQUIRED)
#[[ an old attempt:
find_package(Boost 1.60)
]]
message("# find_package(Boost 1.50)")
FIND_PACKAGE(
    Boost 1.81.0 EXACT REQUIRED COMPONENTS json system)
find_package(Boost 1.82...1.86 CONFIG)
find_package(Boost ${BOOST_MIN} REQUIRED)
"""

    assert cmake_declarations(text) == [Declaration("1.81.0", 7), Declaration("1.82.0", 9)]


def test_given_conanfile_txt_then_a_boost_requirement_declares_its_version() -> None:
    text = """\
[requires]
zlib/1.3.1
# boost/1.70.0
boost/1.83.0@user/stable#rev1

[generators]
boost/9.9.9
"""

    assert conan_txt_declarations(text) == [Declaration("1.83.0", 4)]


def test_given_a_conan_version_range_then_nothing_is_declared() -> None:
    assert conan_txt_declarations("[requires]\nboost/[>=1.80 <2]\n") == []


def test_given_conanfile_py_then_requires_and_self_requires_declare_their_versions() -> None:
    text = """\
from conan import ConanFile

class App(ConanFile):
    # requires = "boost/1.70.0"
    requires = ("zlib/1.3.1", "boost/1.83.0")

    def requirements(self):
        self.requires('boost/1.84.0@demo/testing')
"""

    assert conan_py_declarations(text) == [Declaration("1.83.0", 5), Declaration("1.84.0", 8)]


def test_given_vcpkg_json_then_an_override_comes_before_a_minimum_and_the_port_version_goes() -> (
    None
):
    text = """\
{
  "name": "app",
  "builtin-baseline": "3426db05b996481ca31e95fff3734cf23e0f51bc",
  "dependencies": [
    "fmt",
    {"name": "boost-asio", "version>=": "1.84.0#2"},
    {"name": "zlib", "version>=": "1.3"}
  ],
  "overrides": [{"name": "boost", "version": "1.83.0"}]
}
"""

    assert vcpkg_declarations(text) == [Declaration("1.83.0", 9), Declaration("1.84.0", 6)]


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ('{"dependencies": [\n  "boost-asio",\n}', "line 3 column 1", "not valid JSON"),
        ('["boost"]', "", "not a vcpkg manifest but an array"),
        ('{"overrides": {"name": "boost"}}', "", "overrides should be an array, not an object"),
    ],
)
def test_given_a_broken_vcpkg_manifest_then_the_error_says_where_and_why(
    text: str, position: str, reason: str
) -> None:
    with pytest.raises(ManifestError) as raised:
        vcpkg_declarations(text)

    assert raised.value.position == position
    assert raised.value.reason.startswith(reason)
