"""Every document the code and docs point at exists in this repository.

The code cites the project's knowledge as `docs/domain.md`, `docs/architecture.md` and the
READMEs; a reference to a file that is not here (a handbook kept elsewhere, a renamed page) is a
dead end for the next reader, so it fails here.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A Markdown file name, optionally with a path: `docs/domain.md`, `README.md`, `../x/Y.md`.
# A quoted name alone ("README.md") is a file name the code writes, not a reference for a reader.
REFERENCE = re.compile(r"(?<![\w/.\"'-])((?:\.{1,2}/|[\w-]+/)*[\w-]+\.md)\b(?![\"'])")
SELF = Path(__file__).resolve()  # its examples are not references
SCANNED_SUFFIXES = {".py", ".md", ".toml", ".sql", ".yml", ".yaml", ".cfg", ""}


def tracked_files() -> list[Path]:
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [ROOT / line for line in listing.splitlines() if (ROOT / line).is_file()]


def resolves(reference: str, source: Path) -> bool:
    """Relative to the citing file's folder or any folder above it, up to the repository root."""
    folder = source.parent
    while True:
        if (folder / reference).is_file():
            return True
        if folder == ROOT:
            return False
        folder = folder.parent


def dead_references() -> list[str]:
    dead = []
    for path in tracked_files():
        if path.suffix not in SCANNED_SUFFIXES or path.name == "uv.lock" or path == SELF:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for reference in REFERENCE.findall(line):
                if not resolves(reference, path):
                    dead.append(f"{path.relative_to(ROOT)}:{number}: {reference}")
    return dead


def test_every_referenced_document_exists_in_the_repository() -> None:
    assert dead_references() == []


def test_the_checker_finds_a_reference_to_a_missing_document() -> None:
    source = ROOT / "services" / "x.py"
    assert not resolves("DOMAIN.md", source)
    assert resolves("docs/events/README.md", source)
    assert REFERENCE.findall("see ARCHITECTURE.md, 'Events'; docs/domain.md") == [
        "ARCHITECTURE.md",
        "docs/domain.md",
    ]
