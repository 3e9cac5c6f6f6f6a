"""Boost usage scanning speed, as ratios against baselines in one run.

    uv run python -m benchmarks.boost_usage_scan [--files 8000] [PATH]

On a generated C++ tree (by default 8,000 headers and sources of real shape: licence block
comments, include guards, conditionals, ``#include`` lines, code), or on PATH (any folder,
``/usr/include`` say):

1. Reading every file's bytes and splitting them into lines: the floor of any scanner.
2. ``core.sources.cpp_includes.includes`` over every file: the scanner alone.
3. ``read_project_tree``: the tracker's whole scan (walk, decode, includes, declared version).

Absolute times depend on the machine; the ratios are what to compare between runs.
"""

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from core.sources.cpp_includes import includes
from trackers.boost_usage.sources.project_tree import read_project_tree

_LICENCE = (
    "/*\n * Copyright (c) 2024 Someone\n *\n * Distributed under the Boost Software License.\n */\n"
)


def build(root: Path, files: int) -> None:
    """A tree of ``files`` sources about the size of a real project's (5 to 40 KiB each)."""
    chance = random.Random(7)
    headers = ["boost/asio.hpp", "boost/json.hpp", "boost/core/noncopyable.hpp", "vector", "map"]
    for n in range(files):
        folder = root / f"module{n % 40}"
        folder.mkdir(parents=True, exist_ok=True)
        lines = [_LICENCE, f"#ifndef GUARD_{n}\n#define GUARD_{n}\n"]
        for _ in range(chance.randint(3, 12)):
            lines.append(f"#include <{chance.choice(headers)}>\n")
        lines.append("#if 0\n#include <boost/dead.hpp>\n#endif\n")
        for k in range(chance.randint(100, 800)):
            lines.append(f"int f{k}(int x) {{ return x * {k}; }} // a comment /* not one\n")
        lines.append("#endif\n")
        (folder / f"file{n}.hpp").write_text("".join(lines))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=8_000)
    parser.add_argument("path", nargs="?", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.path or Path(scratch) / "project"
        if args.path is None:
            build(root, args.files)
        paths = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
        texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]
        size = sum(len(text) for text in texts)
        floor = timed(
            lambda: [p.read_bytes().decode("utf-8", "replace").split("\n") for p in paths]
        )
        scanner = timed(lambda: [list(includes(text)) for text in texts])
        scan = timed(lambda: list(read_project_tree(root)))
    print(f"{len(paths):,} files, {size / 1e6:.0f} MB of text")
    print(f"read and split lines   {floor:6.2f} s   1")
    print(f"includes() alone       {scanner:6.2f} s   {scanner / floor:.1f} x the floor")
    print(f"read_project_tree      {scan:6.2f} s   {scan / floor:.1f} x the floor")


if __name__ == "__main__":
    main()
