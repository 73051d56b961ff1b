"""Apicurio Registry's server, fetched once from Maven Central with Maven and unpacked.

`io.apicurio:apicurio-registry-app` is published with an `all` classifier as a tar.gz holding the
Quarkus "fast-jar" layout (`quarkus-run.jar`, `lib/`, `app/`, `quarkus/`). `dependency:copy`
brings it without a POM of our own; it is unpacked into a side folder and renamed at the end, so an
interrupted run never leaves a folder that looks complete. The archive itself is deleted after
unpacking (Maven keeps its copy in ~/.m2, so a second state dir unpacks without downloading).
"""

from __future__ import annotations

import shutil
import tarfile
import time
from pathlib import Path

from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.maven_dist import COMPLETE_MARKER, complete, ensure_dist, fetch, side_folder
from jenjang_local.output import say

_ARTIFACT = "io.apicurio:apicurio-registry-app"


def run_jar(dist_dir: Path) -> Path:
    return dist_dir / "quarkus-run.jar"


def dist_is_complete(dist_dir: Path) -> bool:
    """True when a previous unpack finished (our marker) and the launcher jar is there."""
    return (dist_dir / COMPLETE_MARKER).is_file() and run_jar(dist_dir).is_file()


def ensure_registry_dist(config: StackConfig) -> Path:
    """Return the unpacked registry's folder, downloading it on first use."""
    dist_dir = config.registry_dist_dir
    return ensure_dist(dist_dir, dist_is_complete, lambda: _download(config, dist_dir))


def _download(config: StackConfig, dist_dir: Path) -> None:
    version = config.registry_version
    work = dist_dir.with_name(dist_dir.name + ".download")
    archive, downloaded = fetch(
        f"{_ARTIFACT}:{version}:tar.gz:all", work,
        what=f"Apicurio Registry {version} into {dist_dir}", size="~160 MB",
        pattern="apicurio-registry-app-*-all.tar.gz", version_variable="JENJANG_REGISTRY_VERSION",
    )  # fmt: skip
    started = time.monotonic()
    unpack(archive, dist_dir)
    shutil.rmtree(work, ignore_errors=True)
    say(
        f"Apicurio Registry {version} ready in {dist_dir} (download {downloaded:.0f} s, "
        f"unpack {time.monotonic() - started:.0f} s)."
    )


def unpack(archive: Path, dist_dir: Path) -> None:
    """Unpack the tar.gz (whose entries sit at its top level) into dist_dir."""
    partial = side_folder(dist_dir)
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
    complete(partial, dist_dir, archive=archive)
