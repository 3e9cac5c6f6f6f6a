"""The includes a compiler would see, from C and C++ source as real projects write it."""

from hypothesis import given
from hypothesis import strategies as st

from core.sources.cpp_includes import Include, includes


def headers(text: str) -> list[str]:
    return [include.header for include in includes(text)]


def test_given_angled_and_quoted_includes_when_read_then_each_is_found_with_its_line() -> None:
    text = '#include <boost/asio.hpp>\n  #  include "boost/json.hpp"\nint x;\n'

    assert list(includes(text)) == [
        Include(1, "boost/asio.hpp", angled=True),
        Include(2, "boost/json.hpp", angled=False),
    ]


def test_given_commented_out_includes_when_read_then_they_are_left_out() -> None:
    text = (
        "// #include <boost/one.hpp>\n"
        "/* #include <boost/two.hpp>\n"
        "   #include <boost/three.hpp> */\n"
        "#include <boost/four.hpp> // a comment after\n"
        "#include /* odd but legal */ <boost/five.hpp>\n"
    )

    assert list(includes(text)) == [
        Include(4, "boost/four.hpp", angled=True),
        Include(5, "boost/five.hpp", angled=True),
    ]


def test_given_a_comment_opener_inside_a_string_when_read_then_no_comment_starts() -> None:
    text = 'const char* s = "/*";\n#include <boost/seen.hpp>\nconst char* t = "*/";\n'

    assert headers(text) == ["boost/seen.hpp"]


def test_given_a_raw_string_holding_a_directive_when_read_then_it_is_not_an_include() -> None:
    text = 'auto s = R"x(\n#include <boost/not.hpp>\n)x";\n#include <boost/yes.hpp>\n'

    assert list(includes(text)) == [Include(4, "boost/yes.hpp", angled=True)]


def test_given_a_continued_directive_when_read_then_it_is_one_include_on_its_first_line() -> None:
    text = "int a;\n#include \\\n  <boost/split.hpp>\n#include <boost/after.hpp>\n"

    assert list(includes(text)) == [
        Include(2, "boost/split.hpp", angled=True),
        Include(4, "boost/after.hpp", angled=True),
    ]


def test_given_if_0_blocks_when_read_then_only_the_live_branches_count() -> None:
    text = (
        "#if 0\n"
        "#include <boost/dead.hpp>\n"
        "#  ifdef X\n"
        "#include <boost/dead_nested.hpp>\n"
        "#  endif\n"
        "#else\n"
        "#include <boost/else_of_0.hpp>\n"
        "#endif\n"
        "#if 1\n"
        "#include <boost/if_1.hpp>\n"
        "#elif defined(Y)\n"
        "#include <boost/after_if_1.hpp>\n"
        "#else\n"
        "#include <boost/else_of_1.hpp>\n"
        "#endif\n"
        "#ifdef BOOST_ASIO\n"
        "#include <boost/maybe.hpp>\n"
        "#else\n"
        "#include <boost/otherwise.hpp>\n"
        "#endif\n"
    )

    assert headers(text) == [
        "boost/else_of_0.hpp",
        "boost/if_1.hpp",
        "boost/maybe.hpp",
        "boost/otherwise.hpp",
    ]


def test_given_a_dead_block_with_unbalanced_quotes_when_read_then_later_lines_still_count() -> None:
    text = "#if 0\ndon't do this\n#endif\n#include <boost/kept.hpp>\n"

    assert headers(text) == ["boost/kept.hpp"]


def test_given_a_stray_endif_when_read_then_it_is_ignored() -> None:
    assert headers("#endif\n#else\n#include <boost/x.hpp>\n") == ["boost/x.hpp"]


@given(st.text(alphabet=st.sampled_from("#include<>\"/*\\\n ifdef0elseR()x'")))
def test_given_any_text_when_read_then_includes_name_existing_lines(text: str) -> None:
    found = list(includes(text))

    assert all(1 <= include.line <= max(1, len(text.splitlines())) for include in found)


def test_given_form_feeds_as_glibc_writes_them_when_read_then_lines_are_counted_by_newline() -> (
    None
):
    text = "/* page one */\n\f\n#include <bits/floatn.h>\n"

    assert list(includes(text)) == [Include(3, "bits/floatn.h", angled=True)]


def test_given_a_comment_opener_after_a_line_comment_when_read_then_no_comment_starts() -> None:
    text = "int a; // see /* here\n#include <boost/seen.hpp>\n"

    assert headers(text) == ["boost/seen.hpp"]


def test_given_an_identifier_ending_in_r_before_a_quote_when_read_then_it_is_no_raw_string() -> (
    None
):
    text = 'FOR"(" x;\n#include <boost/seen.hpp>\n'

    assert headers(text) == ["boost/seen.hpp"]
