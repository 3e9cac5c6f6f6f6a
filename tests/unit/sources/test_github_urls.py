"""The GitHub repository a remote or a submodule URL names."""

import pytest

from core.sources.github_urls import github_full_name, relative_github_full_name


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/boostorg/boost.git",
        "https://github.com/boostorg/boost",
        "git@github.com:boostorg/boost.git",
        "ssh://git@github.com/boostorg/boost.git",
        "git://github.com/boostorg/boost.git/",
    ],
)
def test_given_a_github_remote_then_its_owner_and_name_are_read(url: str) -> None:
    assert github_full_name(url) == "boostorg/boost"


@pytest.mark.parametrize("url", ["https://gitlab.com/a/b.git", "/srv/git/boost.git", ""])
def test_given_a_remote_elsewhere_then_it_names_no_github_repository(url: str) -> None:
    assert github_full_name(url) is None


def test_given_a_relative_submodule_url_then_it_resolves_beside_the_super_project() -> None:
    assert relative_github_full_name("../config.git", "boostorg/boost") == "boostorg/config"
    assert relative_github_full_name("./sub.git", "boostorg/boost") is None
    assert relative_github_full_name("../../other/x.git", "boostorg/boost") == "other/x"
    assert relative_github_full_name("../../../x.git", "boostorg/boost") is None


def test_given_an_absolute_submodule_url_then_it_is_read_as_a_remote() -> None:
    assert relative_github_full_name("https://github.com/CPPAlliance/url.git", "a/b") == (
        "CPPAlliance/url"
    )
