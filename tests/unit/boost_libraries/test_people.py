"""Authors and maintainers as meta/libraries.json writes them, to claims."""

import pytest

from core.protocols.claims import BoostAuthorClaim
from trackers.boost_libraries.sources.people import person_claim


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Beman Dawes <bdawes -at- acm.org>", BoostAuthorClaim("Beman Dawes", "bdawes@acm.org")),
        ("Peter Dimov <pdimov@gmail.com>", BoostAuthorClaim("Peter Dimov", "pdimov@gmail.com")),
        (
            "Dmitry Arkhipov <grisumbras -at- yandex -dot- ru>",
            BoostAuthorClaim("Dmitry Arkhipov", "grisumbras@yandex.ru"),
        ),
        (
            "John Maddock <john at johnmaddock dot co dot uk>",
            BoostAuthorClaim("John Maddock", "john@johnmaddock.co.uk"),
        ),
        (
            "Ion Gaztañaga <igaztanaga (at) gmail.com>",
            BoostAuthorClaim("Ion Gaztañaga", "igaztanaga@gmail.com"),
        ),
        ("Andrey  Semashev", BoostAuthorClaim("Andrey Semashev")),
        ("someone@example.com", BoostAuthorClaim("", "someone@example.com")),
        ("Nobody <not an address>", BoostAuthorClaim("Nobody")),
        ("Half Open <half -at- example.com", BoostAuthorClaim("Half Open", "half@example.com")),
    ],
)
def test_a_name_with_an_obfuscated_or_plain_address_is_one_claim_with_the_address_as_meant(
    text: str, claim: BoostAuthorClaim
) -> None:
    assert person_claim(text) == claim


@pytest.mark.parametrize("text", ["", "   ", "<>", "\x00"])
def test_a_string_naming_nobody_is_no_claim(text: str) -> None:
    assert person_claim(text) is None
