"""Progress lines and the status table.

Progress goes to stderr so that `jenjang status` output (stdout) stays clean for scripts, and so a
pytest fixture calling the API shows progress only when pytest does not capture it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def say(message: str) -> None:
    print(f"[jenjang] {message}", file=sys.stderr, flush=True)


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def tail_lines(text: str, count: int) -> str:
    lines = text.splitlines()
    return "\n".join(lines[-count:])


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def log_tail(path: Path, since: int = 0, count: int = 30) -> str:
    """Last `count` lines written to a log after byte offset `since`.

    Logs are appended across runs; reading from the offset noted at start shows only this run.
    """
    try:
        with open(path, "rb") as handle:
            handle.seek(since)
            text = handle.read().decode(errors="replace")
    except OSError:
        return f"(no log at {path})"
    return tail_lines(text, count) or f"(nothing written to {path} yet)"
