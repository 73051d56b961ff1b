"""Tools we need on the machine: Java 17+ for Kafka, Java 21+ for Keycloak, Maven to fetch their
jars, PostgreSQL 15."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from jenjang_local.errors import StackError
from jenjang_local.output import say

JAVA_MAVEN_INSTALL = "apt-get update && apt-get install -y openjdk-17-jre-headless maven"

KEYCLOAK_MIN_JAVA = 21
# Where a JDK 21+ is looked for when JENJANG_KEYCLOAK_JAVA_HOME is not set: the Temurin 25 that
# these machines have beside OpenJDK 17 first, then any other JDK under /usr/lib/jvm, then
# JAVA_HOME and the `java` on PATH.
KEYCLOAK_JAVA_PREFERRED = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
JVM_ROOT = Path("/usr/lib/jvm")


def require_java() -> str:
    """Path of a `java` that is at least version 17 (Kafka 4.x refuses older ones)."""
    java = shutil.which("java")
    if java is None:
        raise StackError(
            "Java is not installed; the Kafka broker needs Java 17 or newer.",
            f"Install it: {JAVA_MAVEN_INSTALL}",
        )
    result = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)', result.stderr + result.stdout)
    if match and int(match.group(1)) < 17:
        raise StackError(
            f"{java} is Java {match.group(1)}; Kafka 4.x needs Java 17 or newer.",
            f"Install it: {JAVA_MAVEN_INSTALL}, and put it first on PATH.",
        )
    return java


def java_major_version(java: str) -> int | None:
    """The major version `java -version` reports (17, 21, 25, ...), or None if it cannot run."""
    try:
        result = subprocess.run(
            [java, "-version"], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if match is None:
        return None
    major = int(match.group(1))
    # Java 8 and older report "1.8.0_…".
    return int(match.group(2) or 0) if major == 1 else major


def _java_candidates(java_home_env: str | None) -> list[str]:
    homes = [KEYCLOAK_JAVA_PREFERRED]
    if JVM_ROOT.is_dir():
        homes += sorted(p for p in JVM_ROOT.iterdir() if p != KEYCLOAK_JAVA_PREFERRED)
    if java_home_env:
        homes.append(Path(java_home_env))
    found = [str(home / "bin" / "java") for home in homes if (home / "bin" / "java").is_file()]
    on_path = shutil.which("java")
    if on_path is not None:
        found.append(on_path)
    return list(dict.fromkeys(found))


def require_keycloak_java(java_home: Path | None) -> tuple[str, int]:
    """Path and major version of a `java` of version 21 or newer, for Keycloak 26.

    `java_home` (JENJANG_KEYCLOAK_JAVA_HOME) is used alone when given; otherwise the Temurin 25
    JDK, the other JDKs under /usr/lib/jvm, JAVA_HOME and PATH are tried in that order.
    """
    if java_home is not None:
        java = java_home / "bin" / "java"
        version = java_major_version(str(java)) if java.is_file() else None
        if version is None:
            raise StackError(
                f"JENJANG_KEYCLOAK_JAVA_HOME={java_home} has no working bin/java.",
                f"Point JENJANG_KEYCLOAK_JAVA_HOME at a JDK {KEYCLOAK_MIN_JAVA} or newer, "
                "or unset it to search /usr/lib/jvm.",
            )
        if version < KEYCLOAK_MIN_JAVA:
            raise StackError(
                f"JENJANG_KEYCLOAK_JAVA_HOME={java_home} is Java {version}; Keycloak 26 needs "
                f"Java {KEYCLOAK_MIN_JAVA} or newer.",
                f"Point JENJANG_KEYCLOAK_JAVA_HOME at a JDK {KEYCLOAK_MIN_JAVA}+ "
                f"(e.g. {KEYCLOAK_JAVA_PREFERRED}).",
            )
        return str(java), version
    seen: list[str] = []
    for candidate in _java_candidates(os.environ.get("JAVA_HOME")):
        found = java_major_version(candidate)
        if found is not None and found >= KEYCLOAK_MIN_JAVA:
            return candidate, found
        seen.append(f"{candidate} (Java {found if found is not None else '?'})")
    raise StackError(
        f"No Java {KEYCLOAK_MIN_JAVA} or newer found; Keycloak 26 needs one (Kafka's Java 17 is "
        f"not enough). Looked at: {', '.join(seen) or 'nothing (no java at all)'}.",
        f"Install a JDK {KEYCLOAK_MIN_JAVA}+ (these machines normally have Temurin 25 in "
        f"{KEYCLOAK_JAVA_PREFERRED}) and set JENJANG_KEYCLOAK_JAVA_HOME to it, or start the "
        "stack without Keycloak: `jenjang up --no-keycloak`.",
    )


def require_maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StackError(
            "Maven is not installed; it is needed once to download the Kafka jars and the "
            "Keycloak distribution.",
            f"Install it: {JAVA_MAVEN_INSTALL}",
        )
    return mvn


def ensure_postgres_binaries(bin_dir: Path) -> None:
    """Install Debian's PostgreSQL when its binaries are missing and we are allowed to."""
    if (bin_dir / "initdb").exists():
        return
    if os.geteuid() != 0:
        raise StackError(
            f"PostgreSQL binaries are missing ({bin_dir}/initdb).",
            "Install them as root: apt-get update && apt-get install -y postgresql",
        )
    say("PostgreSQL is not installed; installing it with apt-get (once)…")
    for argv in (["apt-get", "update"], ["apt-get", "install", "-y", "postgresql"]):
        result = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        if result.returncode != 0:
            raise StackError(
                f"`{' '.join(argv)}` failed (exit {result.returncode}).",
                "Install PostgreSQL 15 by hand: apt-get install -y postgresql",
                details=(result.stdout + result.stderr)[-3000:],
            )
    if not (bin_dir / "initdb").exists():
        raise StackError(
            f"apt-get installed postgresql but {bin_dir}/initdb is still missing "
            "(a different major version?).",
            "Install PostgreSQL 15: apt-get install -y postgresql-15",
        )
