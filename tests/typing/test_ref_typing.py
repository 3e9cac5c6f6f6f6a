"""The type checker keeps references and claims of different profile kinds apart.

Every sample under samples/ is checked in one mypy run, strict and without the project's
config (so without the Django plugin). A sample under pass/ must check cleanly. A sample under
fail/ marks each line that must be rejected with a trailing ``# expect: <error code>``; the
run must report exactly those lines with exactly those codes, and nothing else in that file.
"""

import contextlib
import re
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest
from mypy import api as mypy_api

from core.protocols.refs import REF_TYPES

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples"
PASS_SAMPLES = sorted((SAMPLES / "pass").glob("*.py"))
FAIL_SAMPLES = sorted((SAMPLES / "fail").glob("*.py"))

# `path:line: error: message  [code]`; notes and the summary are not errors.
_ERROR_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): error: (?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$")


@attrs.frozen
class MypyError:
    line: int
    code: str
    message: str


@attrs.frozen
class MypyRun:
    errors: Mapping[Path, tuple[MypyError, ...]]
    output: str

    def errors_in(self, sample: Path) -> tuple[MypyError, ...]:
        return self.errors.get(sample.resolve(), ())

    def __repr__(self) -> str:
        count = sum(len(found) for found in self.errors.values())
        return f"<mypy run: {count} errors in {len(self.errors)} files>"


def _parse(stdout: str) -> dict[Path, tuple[MypyError, ...]]:
    errors: dict[Path, list[MypyError]] = {}
    for line in stdout.splitlines():
        match = _ERROR_LINE.match(line)
        if match is None:
            continue
        path = (REPO_ROOT / match["path"]).resolve()
        error = MypyError(int(match["line"]), match["code"] or "", match["message"])
        errors.setdefault(path, []).append(error)
    return {path: tuple(found) for path, found in errors.items()}


def _expected_errors(sample: Path) -> set[tuple[int, str]]:
    expected: set[tuple[int, str]] = set()
    for number, text in enumerate(sample.read_text().splitlines(), start=1):
        match = _EXPECT.search(text)
        if match is not None:
            expected.update((number, code.strip()) for code in match["codes"].split(","))
    return expected


def _describe(errors: tuple[MypyError, ...]) -> str:
    return "\n".join(f"  line {e.line}: [{e.code}] {e.message}" for e in errors) or "  (none)"


@pytest.fixture(scope="module")
def mypy_run(tmp_path_factory: pytest.TempPathFactory) -> MypyRun:
    """One strict mypy run over every sample, from the repository root so that `core` and
    `adapters` are found."""
    cache_dir = tmp_path_factory.mktemp("mypy-cache")
    args = [
        "--strict",
        "--config-file=",
        "--no-error-summary",
        "--show-error-codes",
        "--hide-error-context",
        "--no-pretty",
        "--no-color-output",
        f"--cache-dir={cache_dir}",
        *(str(sample.relative_to(REPO_ROOT)) for sample in PASS_SAMPLES + FAIL_SAMPLES),
    ]
    with contextlib.chdir(REPO_ROOT):
        stdout, stderr, status = mypy_api.run(args)
    # 0: clean, 1: errors found (the negative samples guarantee it), 2: mypy itself failed.
    assert status in (0, 1), f"mypy did not run (exit {status}):\n{stderr}{stdout}"
    return MypyRun(_parse(stdout), stdout)


def test_there_are_samples_of_both_sorts() -> None:
    assert PASS_SAMPLES, f"no positive sample in {SAMPLES / 'pass'}"
    assert FAIL_SAMPLES, f"no negative sample in {SAMPLES / 'fail'}"


@pytest.mark.parametrize("sample", PASS_SAMPLES, ids=lambda path: path.stem)
def test_a_correct_use_of_refs_type_checks(mypy_run: MypyRun, sample: Path) -> None:
    errors = mypy_run.errors_in(sample)
    assert not errors, f"{sample.name} should type-check, but mypy reports:\n{_describe(errors)}"


@pytest.mark.parametrize("sample", FAIL_SAMPLES, ids=lambda path: path.stem)
def test_a_ref_of_the_wrong_kind_is_rejected_by_the_type_checker(
    mypy_run: MypyRun, sample: Path
) -> None:
    expected = _expected_errors(sample)
    assert expected, f"{sample.name} marks no line with `# expect: <error code>`"
    errors = mypy_run.errors_in(sample)
    reported = {(error.line, error.code) for error in errors}
    missing = sorted(expected - reported)
    unexpected = sorted(reported - expected)
    assert (missing, unexpected) == ([], []), (
        f"{sample.name}: mypy's errors differ from the `# expect:` comments.\n"
        f"Expected but not reported (line, code): {missing}\n"
        f"Reported but not expected (line, code): {unexpected}\n"
        f"mypy reports:\n{_describe(errors)}"
    )


@pytest.mark.parametrize(
    ("sort", "samples"), [("positive", PASS_SAMPLES), ("negative", FAIL_SAMPLES)]
)
def test_every_profile_kind_appears_in_the_samples(sort: str, samples: list[Path]) -> None:
    text = "\n".join(sample.read_text() for sample in samples)
    absent = sorted(
        ref_type.__name__
        for ref_type in REF_TYPES.values()
        if not re.search(rf"\b{ref_type.__name__}\b", text)
    )
    assert not absent, f"no {sort} sample uses {', '.join(absent)}"
