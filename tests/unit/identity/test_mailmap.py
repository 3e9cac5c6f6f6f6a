"""Reading and writing git's .mailmap as git does: every line form, comments, CRLF, tabs, odd
bytes and broken lines; look-ups checked against ``git check-mailmap`` itself; a written
mailmap shows every pair of every person as that person.

The fixtures under tests/fixtures/mailmap/ are shaped after git.git's own .mailmap
(git-like), a file saved on Windows (windows: BOM, CRLF, tabs, one cp1252 line) and lines git
ignores or reads otherwise than they look (broken).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.identity.mailmap import (
    CommitIdentity,
    MailmapEntry,
    MailmapGroup,
    MailmapPerson,
    compile_mailmap,
    git_fold,
    mailmap_groups,
    mailmap_recommendations,
    read_mailmap,
    resolve,
    write_mailmap,
)
from core.protocols.ingest import SourceProblem
from core.protocols.recommendations import Evidence, ProfilePair, Rule
from core.protocols.refs import GitAuthorRef, MailingListSenderRef

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mailmap"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(text: str | bytes) -> list[MailmapEntry]:
    entries, problems = read_mailmap(text, "m")
    assert problems == [], problems
    return entries


def entries_of(raw: bytes) -> list[MailmapEntry]:
    """A fixture's entries, whatever its problems (git-like has git.git's Sam Vilain line)."""
    return read_mailmap(raw, "m")[0]


def entry(
    proper_name: str | None,
    proper_email: str | None,
    commit_name: str | None,
    commit_email: str,
    line: int = 1,
) -> MailmapEntry:
    return MailmapEntry(proper_name, proper_email, commit_name, commit_email, line)


def problems_of(text: str | bytes) -> list[tuple[str, bool]]:
    return [(p.position, p.skipped) for p in read_mailmap(text, "m")[1]]


# -- git itself ---------------------------------------------------------------------------


class Git:
    """``git check-mailmap`` in a scratch repository, with no user or system configuration."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            **os.environ,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "HOME": str(root),
        }
        subprocess.run(["git", "init", "-q", str(root)], check=True, env=self.env)

    def check(self, mailmap: bytes, contacts: list[tuple[str, str]]) -> list[tuple[str, str]]:
        path = self.root / "test.mailmap"
        path.write_bytes(mailmap)
        lines = [f"{name} <{email}>" if name else f"<{email}>" for name, email in contacts]
        done = subprocess.run(
            ["git", "-c", f"mailmap.file={path}", "check-mailmap", "--stdin"],
            input="".join(f"{line}\n" for line in lines).encode(),
            capture_output=True,
            check=True,
            cwd=self.root,
            env=self.env,
        )
        shown = []
        for line in done.stdout.decode().splitlines():
            # A name never holds "<" (it is what comes before the first one); an email may.
            name, _, email = line.partition("<")
            shown.append((name.strip(), email.removesuffix(">")))
        return shown


@pytest.fixture(scope="module")
def git(tmp_path_factory: pytest.TempPathFactory) -> Git:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return Git(tmp_path_factory.mktemp("git"))


# -- line forms ---------------------------------------------------------------------------


def test_given_a_proper_name_and_a_commit_email_then_only_the_name_is_mapped() -> None:
    assert read("Jeff King <peff@peff.net>\n") == [entry("Jeff King", None, None, "peff@peff.net")]


def test_given_two_emails_then_the_first_replaces_the_second() -> None:
    assert read("<nico@fluxnic.net> <nico@cam.org>") == [
        entry(None, "nico@fluxnic.net", None, "nico@cam.org")
    ]


def test_given_a_name_and_two_emails_then_both_name_and_email_are_mapped() -> None:
    assert read("Junio C Hamano <gitster@pobox.com> <junkio@cox.net>\n") == [
        entry("Junio C Hamano", "gitster@pobox.com", None, "junkio@cox.net")
    ]


def test_given_the_four_part_form_then_the_entry_is_for_that_commit_name_only() -> None:
    [found] = read("Jane Doe <jane@example.com> Jane <bugs@example.com>\n")
    assert found == entry("Jane Doe", "jane@example.com", "Jane", "bugs@example.com")
    assert not found.is_simple


def test_given_an_email_and_a_commit_name_then_the_commit_name_is_kept() -> None:
    assert read("<jane@example.com> Jane <bugs@example.com>") == [
        entry(None, "jane@example.com", "Jane", "bugs@example.com")
    ]


def test_given_an_empty_commit_email_then_it_is_an_entry_for_commits_without_one() -> None:
    # git allows <> only in the second place.
    assert read("Some One <one@example.com> <>\n") == [
        entry("Some One", "one@example.com", None, "")
    ]


def test_given_entries_then_each_keeps_its_line_number() -> None:
    entries = read("# head\n\nA <a@x>\n\n<b@x> <c@x>\n")
    assert [e.line for e in entries] == [3, 5]


# -- comments, spacing, line ends, bytes --------------------------------------------------


def test_given_comments_and_blank_lines_then_they_are_no_entries_and_no_problems() -> None:
    text = (
        "#\n# header <not@entry>\n\n   \n\t\nA <a@x> # trailing comment\nB <b@x> <c@x>  # moved\n"
    )
    assert read(text) == [
        entry("A", None, None, "a@x", 6),
        entry("B", "b@x", None, "c@x", 7),
    ]


def test_given_tabs_and_runs_of_spaces_then_names_are_trimmed_and_kept_inside() -> None:
    assert read("  Eric \t Wong\t<e@80x24.org>\t\t<normalperson@yhbt.net>  \n") == [
        entry("Eric \t Wong", "e@80x24.org", None, "normalperson@yhbt.net")
    ]


def test_given_crlf_line_ends_then_the_entries_are_those_of_lf() -> None:
    lf = fixture("git-like.mailmap")
    assert b"\r" not in lf
    crlf = lf.replace(b"\n", b"\r\n")
    assert read_mailmap(crlf, "m") == read_mailmap(lf, "m")


def test_given_a_lone_cr_then_it_does_not_end_a_line_as_in_git() -> None:
    # git splits on LF only: the CR is text after the first entry, and ignored.
    assert read(b"A <a@x>\rB <b@x>\n") == [entry("A", "a@x", "B", "b@x")]


def test_given_the_windows_file_then_bom_crlf_tabs_and_cp1252_are_read() -> None:
    entries, problems = read_mailmap(fixture("windows.mailmap"), "windows.mailmap")
    assert entries == [
        entry("René Scharfe", "l.s.r@web.de", None, "rene.scharfe@lsrfire.ath.cx", 2),
        entry("Björn Steinbrink", None, None, "B.Steinbrink@gmx.de", 3),
        entry("Eric   Wong", "e@80x24.org", None, "normalperson@yhbt.net", 5),
        entry("Ævar Arnfjörð Bjarmason", None, None, "avarab@gmail.com", 6),
    ]
    assert [str(p) for p in problems] == [
        "windows.mailmap: line 1: starts with a byte order mark, which git reads as text",
        "windows.mailmap: line 3: not UTF-8: read as cp1252",
    ]
    assert not any(p.skipped for p in problems)


def test_given_bytes_undefined_in_cp1252_then_they_are_replaced_not_fatal() -> None:
    [found] = read_mailmap(b"Odd \x81\xff Name <odd@x>\n", "m")[0]
    assert found.proper_name == "Odd \ufffd\xff Name"


def test_given_text_or_bytes_then_the_entries_are_the_same() -> None:
    raw = fixture("git-like.mailmap")
    assert read_mailmap(raw, "m") == read_mailmap(raw.decode("utf-8"), "m")


# -- broken lines -------------------------------------------------------------------------


def test_given_the_broken_file_then_each_problem_names_its_line() -> None:
    entries, problems = read_mailmap(fixture("broken.mailmap"), "broken.mailmap")
    assert problems == [
        SourceProblem(
            "broken.mailmap",
            "line 2",
            "'<' without a closing '>': git ignores the line: 'Proper Name <proper@example.com'",
        ),
        SourceProblem(
            "broken.mailmap", "line 3", "no <email>: git ignores the line: 'Just A Name'"
        ),
        SourceProblem(
            "broken.mailmap",
            "line 4",
            "an empty <> email: git ignores the line: 'Empty Address <>'",
        ),
        SourceProblem(
            "broken.mailmap",
            "line 5",
            "second address: '<' without a closing '>': git reads only the first, for every name",
            skipped=False,
        ),
        SourceProblem(
            "broken.mailmap",
            "line 6",
            "an indented '#' is no comment to git: read as an entry",
            skipped=False,
        ),
        SourceProblem(
            "broken.mailmap",
            "line 7",
            "'#' before an address is no comment to git: read as the commit name '# was'",
            skipped=False,
        ),
        SourceProblem(
            "broken.mailmap",
            "line 8",
            "spaces inside <>: git matches them as part of the email",
            skipped=False,
        ),
        SourceProblem(
            "broken.mailmap", "line 9", "an address alone changes nothing", skipped=False
        ),
        SourceProblem(
            "broken.mailmap",
            "line 10",
            "git ignores the text after the entry: 'and more'",
            skipped=False,
        ),
    ]
    assert entries == [
        entry("Half Done", None, None, "half@example.com", 5),
        entry("# Indented Comment", None, None, "indented@example.com", 6),
        entry("Kept Name", "kept@example.com", "# was", "was@example.com", 7),
        entry("Spaced", " spaced@example.com ", None, "spaced-commit@example.com", 8),
        entry(None, None, None, "alone@example.com", 9),
        entry("Trailing", "trailing@example.com", None, "t2@example.com", 10),
    ]


def test_given_an_address_without_brackets_after_an_entry_then_it_is_reported() -> None:
    # git.git's own .mailmap has this line.
    assert problems_of("Sam Vilain <sam@vilain.net> sam@vilain.net\n") == [("line 1", False)]
    assert read_mailmap("Sam Vilain <sam@vilain.net> sam@vilain.net\n", "m")[0] == [
        entry("Sam Vilain", None, None, "sam@vilain.net")
    ]


def test_given_a_name_with_no_email_then_the_line_is_skipped() -> None:
    assert problems_of("A <a@x>\nJunio C Hamano\n") == [("line 2", True)]


# -- look-ups -----------------------------------------------------------------------------


def test_given_emails_and_names_in_other_case_then_they_match_as_in_git() -> None:
    entries = read("Jane Doe <jane@example.com> Jane <Bugs@Example.com>\n")
    assert resolve(entries, "JANE", "bugs@EXAMPLE.COM") == ("Jane Doe", "jane@example.com")


def test_given_non_ascii_letters_in_other_case_then_they_do_not_match() -> None:
    # git's strcasecmp folds ASCII only.
    entries = read("Ævar <avarab@gmail.com> ÆVAR <old@example.com>\n")
    assert resolve(entries, "ævar", "old@example.com") == ("ævar", "old@example.com")
    assert resolve(entries, "ÆVAR", "OLD@example.com") == ("Ævar", "avarab@gmail.com")


def test_given_only_a_proper_name_then_the_commit_email_is_kept_as_the_commit_has_it() -> None:
    entries = read("Jeff King <peff@peff.net>\n")
    assert resolve(entries, "peff", "PEFF@peff.net") == ("Jeff King", "PEFF@peff.net")


def test_given_a_complex_entry_then_other_names_at_that_email_are_unchanged() -> None:
    entries = read("Jane Doe <jane@example.com> Jane <bugs@example.com>\n")
    assert resolve(entries, "Joe", "bugs@example.com") == ("Joe", "bugs@example.com")


def test_given_a_simple_and_a_complex_entry_then_the_complex_one_wins_for_its_name() -> None:
    entries = read(
        "Bug Triage <triage@example.com> <bugs@example.com>\n"
        "Jane Doe <jane@example.com> Jane <bugs@example.com>\n"
    )
    assert resolve(entries, "Jane", "bugs@example.com") == ("Jane Doe", "jane@example.com")
    assert resolve(entries, "Joe", "bugs@example.com") == ("Bug Triage", "triage@example.com")


def test_given_simple_entries_for_one_email_then_each_later_field_wins() -> None:
    entries = read("Old Name <a@x>\n<p@x> <a@x>\nNew Name <a@x>\n")
    assert resolve(entries, "whoever", "a@x") == ("New Name", "p@x")


def test_given_complex_entries_for_one_name_then_the_later_wins_whole() -> None:
    entries = read("First <first@x> Jane <a@x>\n<second@x> jane <a@x>\n")
    assert resolve(entries, "Jane", "a@x") == ("Jane", "second@x")


def test_given_a_mapped_proper_email_then_there_is_no_chaining() -> None:
    entries = read("<b@x> <a@x>\n<c@x> <b@x>\n")
    assert resolve(entries, "A", "a@x") == ("A", "b@x")


def test_given_no_matching_entry_then_the_identity_is_unchanged() -> None:
    assert resolve(read("A <a@x>\n"), "B", "b@x") == ("B", "b@x")


def test_given_the_git_like_file_then_it_resolves_as_checked_by_hand() -> None:
    mailmap = compile_mailmap(entries_of(fixture("git-like.mailmap")))
    assert mailmap.resolve("Nicolas Pitre", "nico@cam.org") == ("Nicolas Pitre", "nico@fluxnic.net")
    assert mailmap.resolve("asedeno", "ASEDENO@mit.edu") == (
        "Alejandro R. Sedeño",
        "asedeno@MIT.EDU",
    )
    assert mailmap.resolve("Nick Woolley", "nickwoolley@yahoo.co.uk") == (
        "Nick Stokoe",
        "nick@noodlefactory.co.uk",
    )
    assert mailmap.resolve("Nick Stokoe", "nick@noodlefactory.co.uk") == (
        "Nick Stokoe",
        "nick@noodlefactory.co.uk",
    )
    assert mailmap.resolve("Joe", "bugs@example.com") == ("Joe R. Developer", "joe@example.com")
    assert mailmap.resolve("Somebody", "bugs@example.com") == ("Somebody", "bugs@example.com")
    assert mailmap.deciding_lines("junio", "junkio@cox.net") == (21,)


def test_given_simple_entries_on_two_lines_then_both_lines_decide() -> None:
    mailmap = compile_mailmap(read("Name <a@x>\n<p@x> <a@x>\n"))
    assert mailmap.deciding_lines("n", "a@x") == (1, 2)
    assert mailmap.deciding_lines("n", "b@x") == ()


# -- groups -------------------------------------------------------------------------------


def test_given_the_git_like_file_then_the_groups_are_the_people_it_names() -> None:
    groups = {(g.name, g.email): g for g in mailmap_groups(entries_of(fixture("git-like.mailmap")))}
    assert groups[("Junio C Hamano", "gitster@pobox.com")] == MailmapGroup(
        "Junio C Hamano",
        "gitster@pobox.com",
        (
            CommitIdentity(None, "gitster@pobox.com"),
            CommitIdentity(None, "junio@hera.kernel.org"),
            CommitIdentity(None, "junkio@cox.net"),
        ),
        (19, 20, 21),
    )
    assert groups[("Nick Stokoe", "nick@noodlefactory.co.uk")].members == (
        CommitIdentity("Nick Woolley", "nick@noodlefactory.co.uk"),
        CommitIdentity("Nick Woolley", "nickwoolley@yahoo.co.uk"),
    )
    # An email-only entry keeps each commit's name: the group has no name.
    assert groups[(None, "nico@fluxnic.net")].members == (CommitIdentity(None, "nico@cam.org"),)
    # The shared relay address belongs to two people, each through a named entry.
    assert groups[("Jane Doe", "jane@example.com")].members == (
        CommitIdentity("Jane", "bugs@example.com"),
    )
    assert groups[("Joe R. Developer", "joe@example.com")].members == (
        CommitIdentity("Joe", "bugs@example.com"),
    )
    assert len(groups) == 21


def test_given_groups_then_every_member_resolves_to_its_group() -> None:
    entries = entries_of(fixture("git-like.mailmap"))
    for group in mailmap_groups(entries):
        for member in group.members:
            name = member.name or "Any Name"
            assert resolve(entries, name, member.email) == (group.name or name, group.email)


def test_given_an_entry_that_changes_nothing_then_it_makes_no_group() -> None:
    entries, _ = read_mailmap("<alone@x>\n", "m")
    assert mailmap_groups(entries) == []


# -- equivalence with git -----------------------------------------------------------------

CONTACTS = [
    ("Nicolas Pitre", "nico@cam.org"),
    ("x", "ASEDENO@mit.edu"),
    ("Jane", "bugs@example.com"),
    ("JOE", "BUGS@example.com"),
    ("Other", "bugs@example.com"),
    ("x", "sam@vilain.net"),
    ("Nick Woolley", "nick@noodlefactory.co.uk"),
    ("Nick Stokoe", "nick@noodlefactory.co.uk"),
    ("x", "lars.doelle@on-line ! de"),
    ("", "gitster@pobox.com"),
    ("Han-Wen Nienhuys", "HANWENN@gmail.com"),
    ("x", "proper@example.com"),
    ("x", "half@example.com"),
    ("Old Name", "old@example.com"),
    ("x", "indented@example.com"),
    ("was", "was@example.com"),
    ("# was", "was@example.com"),
    ("x", "spaced-commit@example.com"),
    ("x", "alone@example.com"),
    ("x", "t2@example.com"),
    ("x", "normalperson@yhbt.net"),
    ("x", "rene.scharfe@lsrfire.ath.cx"),
    ("x", "avarab@gmail.com"),
]


@needs_git
@pytest.mark.parametrize("name", ["git-like.mailmap", "broken.mailmap", "windows.mailmap"])
@pytest.mark.parametrize("line_end", [b"\n", b"\r\n"])
def test_given_a_fixture_then_resolve_agrees_with_git_check_mailmap(
    git: Git, name: str, line_end: bytes
) -> None:
    raw = fixture(name).replace(b"\r\n", b"\n").replace(b"\n", line_end)
    if name == "windows.mailmap":
        # git compares bytes: give it the file as the reader decoded it, without the BOM.
        raw = raw.replace("Björn".encode("cp1252"), "Björn".encode()).removeprefix(b"\xef\xbb\xbf")
    mailmap = compile_mailmap(read_mailmap(raw, name)[0])
    assert [mailmap.resolve(n, e) for n, e in CONTACTS] == git.check(raw, CONTACTS)


TOKENS_NAMES = ["A", "a", "Bo Bo", "bo bo", "# c", "Æ", "æ"]
TOKENS_EMAILS = ["a@x", "A@X", "b@x", "B@x", "c@y", ""]


@st.composite
def mailmap_lines(draw: st.DrawFn) -> str:
    """A line of loosely mailmap shape: names, addresses, spaces, comments, missing '>'."""
    space = st.sampled_from(["", " ", "  ", "\t", " \t "])
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(TOKENS_NAMES)))
        email = draw(st.sampled_from(TOKENS_EMAILS))
        close = draw(st.sampled_from([">", ">", ">", ""]))
        parts.append(f"<{email}{close}")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["# note", "junk", "#"])))
    line = draw(space).join(parts) if draw(st.booleans()) else " ".join(parts)
    return (
        draw(st.sampled_from(["", "", "#", " ", "\t"]))
        + line
        + draw(st.sampled_from(["", "\r", "  "]))
    )


@needs_git
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(mailmap_lines(), max_size=8))
def test_given_any_lines_then_resolve_agrees_with_git_check_mailmap(
    git: Git, lines: list[str]
) -> None:
    raw = "".join(f"{line}\n" for line in lines).encode()
    mailmap = compile_mailmap(read_mailmap(raw, "m")[0])
    contacts = [(n, e) for n in ["A", "bo BO", "Z", "# c", "æ"] for e in TOKENS_EMAILS if e]
    assert [mailmap.resolve(n, e) for n, e in contacts] == git.check(raw, contacts)


# -- writing ------------------------------------------------------------------------------


def body(text: str) -> list[str]:
    """The lines after the header comment."""
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_given_people_who_changed_nothing_then_no_line_is_written() -> None:
    text = write_mailmap(
        [
            MailmapPerson("Jeff King", "peff@peff.net"),
            MailmapPerson(
                "Junio C Hamano", "gitster@pobox.com", [("Junio C Hamano", "gitster@pobox.com")]
            ),
        ]
    )
    assert body(text) == []
    assert text.startswith("# Written by trackerhub identities export-mailmap")


def test_given_only_other_names_at_the_email_then_name_and_email_is_written() -> None:
    people = [
        MailmapPerson(
            "Junio C Hamano",
            "gitster@pobox.com",
            [("Junio Hamano", "gitster@pobox.com"), ("junio", "GITSTER@pobox.com")],
        )
    ]
    # One line covers both: the simple entry fixes the name, and the case of the email.
    assert body(write_mailmap(people)) == [
        "Junio C Hamano <gitster@pobox.com> <GITSTER@pobox.com>",
    ]
    people = [
        MailmapPerson("Junio C Hamano", "gitster@pobox.com", [("junio", "gitster@pobox.com")])
    ]
    assert body(write_mailmap(people)) == ["Junio C Hamano <gitster@pobox.com>"]


def test_given_the_same_name_at_another_email_then_two_emails_are_written() -> None:
    people = [MailmapPerson("Jeff King", "peff@peff.net", [("Jeff King", "peff@github.com")])]
    assert body(write_mailmap(people)) == ["<peff@peff.net> <peff@github.com>"]


def test_given_another_name_at_another_email_then_name_and_two_emails_are_written() -> None:
    people = [
        MailmapPerson(
            "Johannes Sixt",
            "j6t@kdbg.org",
            [("Hannes", "J.Sixt@eudaptics.com"), ("J. Sixt", "j.sixt@eudaptics.com")],
        )
    ]
    assert body(write_mailmap(people)) == ["Johannes Sixt <j6t@kdbg.org> <J.Sixt@eudaptics.com>"]


def test_given_a_shared_address_then_the_four_part_form_is_written_per_name() -> None:
    people = [
        MailmapPerson("Jane Doe", "jane@example.com", [("Jane", "bugs@example.com")]),
        MailmapPerson("Joe R. Developer", "joe@example.com", [("Joe", "bugs@example.com")]),
        MailmapPerson("Bugs", "bugs@example.com"),
    ]
    assert body(write_mailmap(people)) == [
        "Jane Doe <jane@example.com> Jane <bugs@example.com>",
        "Joe R. Developer <joe@example.com> Joe <bugs@example.com>",
    ]


def test_given_most_names_at_an_address_go_one_way_then_one_simple_line_covers_them() -> None:
    people = [
        MailmapPerson(
            "Jane Doe",
            "jane@example.com",
            [
                ("Jane", "jane@laptop.(none)"),
                ("jd", "jane@laptop.(none)"),
                ("JD", "jane@LAPTOP.(none)"),
            ],
        ),
        MailmapPerson("Root", "jane@laptop.(none)"),
    ]
    assert body(write_mailmap(people)) == [
        "Jane Doe <jane@example.com> <jane@LAPTOP.(none)>",
        "<jane@laptop.(none)> Root <jane@laptop.(none)>",
    ]


def test_given_people_in_any_order_then_the_text_is_the_same() -> None:
    people = [
        MailmapPerson("Zed", "z@x", [("z", "z@y")]),
        MailmapPerson("Alice", "a@x", [("alice", "a@y"), ("Al", "a@x")]),
        MailmapPerson("Bob", "b@x", [("Bob", "b@y")]),
    ]
    text = write_mailmap(people)
    assert write_mailmap(reversed(people)) == text
    assert body(text) == ["Alice <a@x>", "Alice <a@x> <a@y>", "<b@x> <b@y>", "Zed <z@x> <z@y>"]


def test_given_no_header_then_only_lines_are_written() -> None:
    assert (
        write_mailmap([MailmapPerson("A", "a@x", [("a", "b@x")])], header=None) == "A <a@x> <b@x>\n"
    )


@pytest.mark.parametrize(
    "people",
    [
        [MailmapPerson("A", "a@x", [("X", "x@x")]), MailmapPerson("B", "b@x", [("x", "X@X")])],
        [MailmapPerson("A", "a@x"), MailmapPerson("B", "b@x", [("a", "A@x")])],
        [MailmapPerson(" A", "a@x")],
        [MailmapPerson("A <a>", "a@x")],
        [MailmapPerson("# A", "a@x")],
        [MailmapPerson("A", "a@x", [("B", "b>@x")])],
        [MailmapPerson("", "a@x")],
    ],
)
def test_given_people_git_could_not_tell_apart_or_read_then_writing_refuses(
    people: list[MailmapPerson],
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message names the pair
        write_mailmap(people)


@needs_git
def test_given_a_written_mailmap_then_git_shows_every_pair_as_its_person(git: Git) -> None:
    people = [
        MailmapPerson(
            "Jane Doe",
            "jane@example.com",
            [("Jane", "bugs@example.com"), ("jane", "JANE@example.com")],
        ),
        MailmapPerson(
            "Joe R. Developer",
            "joe@example.com",
            [("Joe", "bugs@example.com"), ("Joe", "joe@laptop.(none)")],
        ),
        MailmapPerson(
            "Uwe Kleine-König",
            "u.kleine-koenig@pengutronix.de",
            [("Uwe Kleine-Koenig", "Uwe.Kleine-Koenig@digi.com")],
        ),
        MailmapPerson("Bugs", "bugs@example.com"),
    ]
    pairs = [
        (pair, person.canonical) for person in people for pair in (person.canonical, *person.others)
    ]
    shown = git.check(write_mailmap(people).encode(), [pair for pair, _ in pairs])
    assert shown == [canonical for _, canonical in pairs]


# -- round trip ---------------------------------------------------------------------------

NAMES = ["A", "a", "Bo", "bo", "BO", "Jane Doe", "jane doe", "Æ", "æ", "Ünïcødé Name", ""]
EMAILS = ["a@x", "A@x", "a@X", "b@x", "B@X", "c@y", "bugs@example.com", ""]


@st.composite
def people(draw: st.DrawFn) -> list[MailmapPerson]:
    """People whose pairs git can tell apart, each pair spelt in one or more cases."""
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(NAMES), st.sampled_from(EMAILS)),
            unique_by=lambda p: (git_fold(p[0]), git_fold(p[1])),
            min_size=1,
            max_size=12,
        )
    )
    owners = [draw(st.integers(0, len(keys) - 1)) for _ in keys]
    found: dict[int, list[tuple[str, str]]] = {}
    for pair, owner in zip(keys, owners, strict=True):
        spellings = [pair]
        if draw(st.booleans()):
            spellings.append(
                (pair[0].swapcase() if pair[0].isascii() else pair[0], pair[1].upper())
            )
        found.setdefault(owner, []).extend(spellings)
    result = []
    for pairs in found.values():
        canonical = next((p for p in pairs if p[0] and p[1]), None)
        if canonical is None:
            continue
        result.append(MailmapPerson(*canonical, [p for p in pairs if p != canonical]))
    return result


@given(people())
def test_given_people_then_reading_what_was_written_shows_each_pair_as_its_person(
    drawn: list[MailmapPerson],
) -> None:
    entries, problems = read_mailmap(write_mailmap(drawn), "written")
    assert problems == []
    mailmap = compile_mailmap(entries)
    for person in drawn:
        for name, email in (person.canonical, *person.others):
            assert mailmap.resolve(name, email) == person.canonical


@given(people())
def test_given_people_then_the_lines_are_no_more_than_the_pairs_that_change(
    drawn: list[MailmapPerson],
) -> None:
    # A commit without a name can be mapped only by the email's simple entry, which may then
    # need named entries for the other names at that email: no such bound holds there.
    assume(all(p[0] for person in drawn for p in person.others))
    lines = body(write_mailmap(drawn))
    changing = {p for person in drawn for p in person.others if p != person.canonical}
    assert len(lines) <= len(changing)
    assert len(set(lines)) == len(lines)


@needs_git
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=people())
def test_given_people_then_git_shows_each_pair_as_its_person(
    git: Git, drawn: list[MailmapPerson]
) -> None:
    pairs = [(p, person.canonical) for person in drawn for p in (person.canonical, *person.others)]
    # git check-mailmap cannot take a contact without an email.
    pairs = [(p, c) for p, c in pairs if p[1]]
    shown = git.check(write_mailmap(drawn).encode(), [p for p, _ in pairs])
    assert shown == [c for _, c in pairs]


def test_given_a_group_of_profiles_when_made_recommendations_then_the_first_joins_each_other() -> (
    None
):
    a, b, c = GitAuthorRef(3), MailingListSenderRef(1), GitAuthorRef(2)

    found = mailmap_recommendations(
        [a, b, c, b], file=".mailmap", lines=[7, 3, 7], shown_as="Jane <jane@doe.org>"
    )

    assert [r.pair for r in found] == [ProfilePair.of(a, b), ProfilePair.of(a, c)]
    for recommendation in found:
        assert (recommendation.score, recommendation.conclusive) == (1.0, True)
        assert recommendation.evidence == (
            Evidence(Rule.MAILMAP, "Jane <jane@doe.org>", ".mailmap:3,7", 1.0, True),
        )
    assert mailmap_recommendations([a], file="m", lines=[1], shown_as="x") == []
