"""References to the GitHub tracker's repositories and files, as other trackers hold them."""

import pytest

from core.identity.keys import natural_key
from core.protocols import BoostAuthorClaim, GitHubFileRef, GitHubRepositoryRef
from core.protocols.errors import InvalidProfileClaim


def test_given_two_spellings_of_one_repository_then_their_refs_are_equal() -> None:
    assert GitHubRepositoryRef(" BoostOrg/Asio/ ") == GitHubRepositoryRef("boostorg/asio")
    assert GitHubRepositoryRef("BoostOrg/Asio").key == "boostorg/asio"


@pytest.mark.parametrize("key", ["", "boostorg", "/asio", "boostorg/", "a/b/c", "boost org/asio"])
def test_given_a_key_that_names_no_repository_then_no_ref_is_made(key: str) -> None:
    with pytest.raises(ValueError, match="owner/name"):
        GitHubRepositoryRef(key)


def test_given_a_file_ref_then_it_reads_as_repository_and_path() -> None:
    ref = GitHubFileRef(GitHubRepositoryRef("boostorg/json"), "include/boost/json.hpp")

    assert str(ref) == "boostorg/json:include/boost/json.hpp"


def test_given_a_boost_author_then_name_and_address_make_the_key() -> None:
    assert natural_key(BoostAuthorClaim("Vinnie Falco", "Vinnie.Falco@Example.com")) == (
        natural_key(BoostAuthorClaim("vinnie falco", "vinnie.falco@example.com"))
    )
    assert natural_key(BoostAuthorClaim("Beman Dawes")) != natural_key(BoostAuthorClaim("Dave"))


def test_given_a_boost_author_with_neither_name_nor_address_then_it_is_refused() -> None:
    with pytest.raises(InvalidProfileClaim, match="name or an address"):
        natural_key(BoostAuthorClaim("  "))
