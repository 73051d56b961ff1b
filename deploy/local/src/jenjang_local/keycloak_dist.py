"""Keycloak's server distribution, fetched once from Maven Central with Maven and unpacked.

`org.keycloak:keycloak-quarkus-dist` is published as a zip; `dependency:copy` brings it without a
POM of our own. It is unpacked into a side folder and renamed at the end, so an interrupted run
never leaves a folder that looks complete. The zip itself is deleted after unpacking (Maven keeps
its own copy in ~/.m2).
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.output import say, tail_lines
from jenjang_local.prereqs import require_maven

COMPLETE_MARKER = ".jenjang-complete"
_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
_ARTIFACT = "org.keycloak:keycloak-quarkus-dist"


def dist_is_complete(dist_dir: Path) -> bool:
    """True when a previous unpack finished (our marker) and the launcher script is there."""
    return (dist_dir / COMPLETE_MARKER).is_file() and (dist_dir / "bin" / "kc.sh").is_file()


def kc_sh(dist_dir: Path) -> Path:
    return dist_dir / "bin" / "kc.sh"


@contextlib.contextmanager
def dist_lock(dist_dir: Path) -> Iterator[None]:
    # JENJANG_KEYCLOAK_DIST may be shared by several state dirs (e.g. a test run beside the
    # developer's stack), whose stack locks do not exclude each other.
    dist_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(dist_dir.with_name(dist_dir.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_keycloak_dist(config: StackConfig) -> Path:
    """Return the unpacked distribution's folder, downloading it on first use."""
    dist_dir = config.keycloak_dist_dir
    if dist_is_complete(dist_dir):
        return dist_dir
    with dist_lock(dist_dir):
        if not dist_is_complete(dist_dir):  # another process may have finished meanwhile
            _download(config, dist_dir)
    return dist_dir


def _download(config: StackConfig, dist_dir: Path) -> None:
    mvn = require_maven()
    version = config.keycloak_version
    work = config.state_dir / "maven" / f"keycloak-{version}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    say(f"Downloading Keycloak {version} from Maven Central (once, ~165 MB) into {dist_dir}…")
    started = time.monotonic()
    argv = [
        mvn, "-q", "-B", f"{_DEPENDENCY_PLUGIN}:copy",
        f"-Dartifact={_ARTIFACT}:{version}:zip", f"-DoutputDirectory={work}",
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
    zips = sorted(work.glob("keycloak-quarkus-dist-*.zip"))
    if proc.returncode != 0 or not zips:
        raise StackError(
            f"Maven could not download Keycloak {version} (exit {proc.returncode}); its output "
            f"is in {log_path}.",
            "Check that Maven Central is reachable and that JENJANG_KEYCLOAK_VERSION names a "
            "published version of org.keycloak:keycloak-quarkus-dist, then run the command again.",
            details=tail_lines(log_path.read_text(errors="replace"), 30),
        )
    downloaded = time.monotonic() - started
    unpack(zips[0], dist_dir)
    shutil.rmtree(work, ignore_errors=True)
    say(
        f"Keycloak {version} ready in {dist_dir} "
        f"(download {downloaded:.0f} s, unpack {time.monotonic() - started - downloaded:.0f} s)."
    )


def unpack(zip_path: Path, dist_dir: Path) -> None:
    """Unpack the dist zip (whose entries sit under keycloak-<version>/) into dist_dir."""
    partial = dist_dir.with_name(dist_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for member in archive.infolist():
                # Strip the top folder; refuse anything that would land outside `partial`.
                relative = Path(*Path(member.filename).parts[1:])
                if not relative.parts or ".." in relative.parts or relative.is_absolute():
                    continue
                target = partial / relative
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, open(target, "wb") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
                mode = (member.external_attr >> 16) & 0o777
                if mode:
                    target.chmod(mode)
    except (OSError, zipfile.BadZipFile) as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise StackError(
            f"Could not unpack {zip_path}: {error}.",
            "Free some disk space or delete the file so that it is downloaded again.",
        ) from None
    if not kc_sh(partial).is_file():
        shutil.rmtree(partial, ignore_errors=True)
        raise StackError(
            f"{zip_path} holds no bin/kc.sh; it is not a Keycloak server distribution.",
            f"Delete {zip_path} and its folder under ~/.m2 and run the command again.",
        )
    (partial / COMPLETE_MARKER).write_text(f"{zip_path.name}\n")
    shutil.rmtree(dist_dir, ignore_errors=True)
    dist_dir.parent.mkdir(parents=True, exist_ok=True)
    partial.rename(dist_dir)
