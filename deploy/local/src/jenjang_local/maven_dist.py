"""Server distributions fetched once from Maven Central with Maven (Keycloak, Apicurio Registry).

What every such distribution shares: a lock on its folder (a distribution may be shared by
several state dirs, whose stack locks do not exclude each other), one `dependency:copy` with
progress notes, and an unpack into a side folder renamed at the end, so that an interrupted run
never leaves a folder that looks complete. Each distribution's module says how to unpack it and
which file proves it is the right one.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from jenjang_local.errors import StackError
from jenjang_local.output import say, tail_lines
from jenjang_local.prereqs import require_maven

COMPLETE_MARKER = ".jenjang-complete"
_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"


@contextlib.contextmanager
def dist_lock(dist_dir: Path) -> Iterator[None]:
    """Exclusive use of a distribution folder across processes."""
    dist_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(dist_dir.with_name(dist_dir.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_dist(
    dist_dir: Path, is_complete: Callable[[Path], bool], download: Callable[[], None]
) -> Path:
    """The distribution's folder, after `download()` once if it is not complete yet."""
    if is_complete(dist_dir):
        return dist_dir
    with dist_lock(dist_dir):
        if not is_complete(dist_dir):  # another process may have finished meanwhile
            download()
    return dist_dir


def fetch(
    coordinates: str, work: Path, *, what: str, size: str, pattern: str, version_variable: str
) -> tuple[Path, float]:
    """Download `coordinates` (group:artifact:version:type[:classifier]) into `work`; return the
    file matching `pattern` and the seconds it took."""
    mvn = require_maven()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    say(f"Downloading {what} from Maven Central (once, {size})…")
    started = time.monotonic()
    argv = [mvn, "-q", "-B", f"{_DEPENDENCY_PLUGIN}:copy", f"-Dartifact={coordinates}",
            f"-DoutputDirectory={work}"]  # fmt: skip
    log_path = work / "mvn.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=work)
        next_note = started + 15
        while proc.poll() is None:
            time.sleep(0.5)
            if time.monotonic() >= next_note:
                say(f"  …still downloading ({time.monotonic() - started:.0f} s)")
                next_note += 15
    found = sorted(work.glob(pattern))
    if proc.returncode != 0 or not found:
        raise StackError(
            f"Maven could not download {what} (exit {proc.returncode}); its output is in "
            f"{log_path}.",
            f"Check that Maven Central is reachable and that {version_variable} names a "
            f"published version of {coordinates.rsplit(':', 3)[0]}, then run the command again.",
            details=tail_lines(log_path.read_text(errors="replace"), 30),
        )
    return found[0], time.monotonic() - started


def side_folder(dist_dir: Path) -> Path:
    """An empty folder beside `dist_dir` to unpack into."""
    partial = dist_dir.with_name(dist_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    return partial


def complete(partial: Path, dist_dir: Path, *, archive: Path) -> None:
    """Mark an unpacked side folder complete and put it in `dist_dir`'s place."""
    (partial / COMPLETE_MARKER).write_text(f"{archive.name}\n")
    shutil.rmtree(dist_dir, ignore_errors=True)
    dist_dir.parent.mkdir(parents=True, exist_ok=True)
    partial.rename(dist_dir)
