"""Keycloak's server distribution, fetched once from Maven Central with Maven and unpacked.

`org.keycloak:keycloak-quarkus-dist` is published as a zip; `dependency:copy` brings it without a
POM of our own. It is unpacked into a side folder and renamed at the end, so an interrupted run
never leaves a folder that looks complete. The zip itself is deleted after unpacking (Maven keeps
its own copy in ~/.m2).
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.maven_dist import (
    COMPLETE_MARKER,
    complete,
    dist_lock,
    ensure_dist,
    fetch,
    side_folder,
)
from jenjang_local.output import say

__all__ = [
    "COMPLETE_MARKER",
    "dist_is_complete",
    "dist_lock",
    "ensure_keycloak_dist",
    "kc_sh",
    "unpack",
]

_ARTIFACT = "org.keycloak:keycloak-quarkus-dist"


def dist_is_complete(dist_dir: Path) -> bool:
    """True when a previous unpack finished (our marker) and the launcher script is there."""
    return (dist_dir / COMPLETE_MARKER).is_file() and kc_sh(dist_dir).is_file()


def kc_sh(dist_dir: Path) -> Path:
    return dist_dir / "bin" / "kc.sh"


def ensure_keycloak_dist(config: StackConfig) -> Path:
    """Return the unpacked distribution's folder, downloading it on first use."""
    dist_dir = config.keycloak_dist_dir
    return ensure_dist(dist_dir, dist_is_complete, lambda: _download(config, dist_dir))


def _download(config: StackConfig, dist_dir: Path) -> None:
    version = config.keycloak_version
    work = config.state_dir / "maven" / f"keycloak-{version}"
    archive, downloaded = fetch(
        f"{_ARTIFACT}:{version}:zip", work, what=f"Keycloak {version} into {dist_dir}",
        size="~165 MB", pattern="keycloak-quarkus-dist-*.zip",
        version_variable="JENJANG_KEYCLOAK_VERSION",
    )  # fmt: skip
    started = time.monotonic()
    unpack(archive, dist_dir)
    shutil.rmtree(work, ignore_errors=True)
    say(
        f"Keycloak {version} ready in {dist_dir} "
        f"(download {downloaded:.0f} s, unpack {time.monotonic() - started:.0f} s)."
    )


def unpack(zip_path: Path, dist_dir: Path) -> None:
    """Unpack the dist zip (whose entries sit under keycloak-<version>/) into dist_dir."""
    partial = side_folder(dist_dir)
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
    complete(partial, dist_dir, archive=zip_path)
