"""Tools we need on the machine: Java 17+ for Kafka, Maven to fetch its jars, PostgreSQL 15."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from jenjang_local.errors import StackError
from jenjang_local.output import say

JAVA_MAVEN_INSTALL = "apt-get update && apt-get install -y openjdk-17-jre-headless maven"


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


def require_maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StackError(
            "Maven is not installed; it is needed once to download the Kafka jars.",
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
