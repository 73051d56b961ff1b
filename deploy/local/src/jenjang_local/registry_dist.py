"""Apicurio Registry's server, fetched once from Maven Central with Maven and unpacked.

`io.apicurio:apicurio-registry-app` is published with an `all` classifier as a tar.gz holding the
Quarkus "fast-jar" layout (`quarkus-run.jar`, `lib/`, `app/`, `quarkus/`). `dependency:copy`
brings it without a POM of our own; it is unpacked into a side folder and renamed at the end, so an
interrupted run never leaves a folder that looks complete. The archive itself is deleted after
unpacking (Maven keeps its copy in ~/.m2, so a second state dir unpacks without downloading).
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.output import say, tail_lines
from jenjang_local.prereqs import require_maven

COMPLETE_MARKER = ".jenjang-complete"
_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
_ARTIFACT = "io.apicurio:apicurio-registry-app"


def run_jar(dist_dir: Path) -> Path:
    return dist_dir / "quarkus-run.jar"


def dist_is_complete(dist_dir: Path) -> bool:
    """True when a previous unpack finished (our marker) and the launcher jar is there."""
    return (dist_dir / COMPLETE_MARKER).is_file() and run_jar(dist_dir).is_file()


@contextlib.contextmanager
def _dist_lock(dist_dir: Path) -> Iterator[None]:
    # JENJANG_REGISTRY_DIST may be shared by several state dirs (a test's registry beside the
    # developer's), whose stack locks do not exclude each other.
    dist_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(dist_dir.with_name(dist_dir.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_registry_dist(config: StackConfig) -> Path:
    """Return the unpacked registry's folder, downloading it on first use."""
    dist_dir = config.registry_dist_dir
    if dist_is_complete(dist_dir):
        return dist_dir
    with _dist_lock(dist_dir):
        if not dist_is_complete(dist_dir):  # another process may have finished meanwhile
            _download(config, dist_dir)
    return dist_dir


def _download(config: StackConfig, dist_dir: Path) -> None:
    mvn = require_maven()
    version = config.registry_version
    work = dist_dir.with_name(dist_dir.name + ".download")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    say(
        f"Downloading Apicurio Registry {version} from Maven Central (once, ~160 MB) "
        f"into {dist_dir}…"
    )
    started = time.monotonic()
    argv = [
        mvn, "-q", "-B", f"{_DEPENDENCY_PLUGIN}:copy",
        f"-Dartifact={_ARTIFACT}:{version}:tar.gz:all", f"-DoutputDirectory={work}",
    ]  # fmt: skip
    log_path = work / "mvn.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=work)
        next_note = started + 15
        while proc.poll() is None:
            time.sleep(0.5)
            if time.monotonic() >= next_note:
                say(f"  …still downloading ({time.monotonic() - started:.0f} s)")
                next_note += 15
    archives = sorted(work.glob("apicurio-registry-app-*-all.tar.gz"))
    if proc.returncode != 0 or not archives:
        raise StackError(
            f"Maven could not download Apicurio Registry {version} (exit {proc.returncode}); "
            f"its output is in {log_path}.",
            "Check that Maven Central is reachable and that JENJANG_REGISTRY_VERSION names a "
            f"published version of {_ARTIFACT}, then run the command again.",
            details=tail_lines(log_path.read_text(errors="replace"), 30),
        )
    downloaded = time.monotonic() - started
    unpack(archives[0], dist_dir)
    shutil.rmtree(work, ignore_errors=True)
    say(
        f"Apicurio Registry {version} ready in {dist_dir} (download {downloaded:.0f} s, "
        f"unpack {time.monotonic() - started - downloaded:.0f} s)."
    )


def unpack(archive: Path, dist_dir: Path) -> None:
    """Unpack the tar.gz (whose entries sit at its top level) into dist_dir."""
    partial = dist_dir.with_name(dist_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            # Refuse anything that would land outside `partial` (absolute paths, `..`, links).
            members = [
                m
                for m in tar.getmembers()
                if (m.isfile() or m.isdir())
                and not Path(m.name).is_absolute()
                and ".." not in Path(m.name).parts
            ]
            tar.extractall(partial, members=members)  # members filtered above
    except (OSError, tarfile.TarError) as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise StackError(
            f"Could not unpack {archive}: {error}.",
            "Free some disk space or delete the file so that it is downloaded again.",
        ) from None
    if not run_jar(partial).is_file():
        shutil.rmtree(partial, ignore_errors=True)
        raise StackError(
            f"{archive} holds no quarkus-run.jar; it is not Apicurio Registry's server.",
            f"Delete {archive} and its folder under ~/.m2 and run the command again.",
        )
    (partial / COMPLETE_MARKER).write_text(f"{archive.name}\n")
    shutil.rmtree(dist_dir, ignore_errors=True)
    partial.rename(dist_dir)
