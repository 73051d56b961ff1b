"""A local Keycloak 26 (the Quarkus distribution) with the `jenjang` realm.

Layout: the unpacked distribution (`keycloak-dist-<version>/`, or JENJANG_KEYCLOAK_DIST) is
shared and only read, except for Quarkus's build (`kc.sh build`), run once before the first start
and again only when our build options change; everything of this stack lives in
`<state>/keycloak/`, which is Keycloak's home (`-Dkc.home.dir`):

    keycloak/lib -> <dist>/lib  the server (Keycloak reads its build from <home>/lib/quarkus)
    keycloak/data/h2/          the dev-file database (H2): realms, users, sessions
    keycloak/data/import/      jenjang-realm.json, imported at start when the realm is missing
    keycloak/secrets.json      bootstrap admin password, demo users' password, internal secret
    keycloak/realm.sha256      fingerprint of the realm document the database was made from

It runs as `kc.sh start --optimized` (production mode on the pre-built server) rather than
`start-dev`, which rebuilds the server on every start (30 s instead of about 12 s here); the
settings that dev mode would imply are given explicitly: plain HTTP on loopback only, the H2
`dev-file` database, a local (non-clustered) cache, and the hostname fixed to
http://127.0.0.1:<port> so that every token's issuer is the same whatever address was used.

The database holds nothing that cannot be made again: when the realm document changes (a new
launcher version), it is deleted and the realm imported afresh; `jenjang token` creates the demo
users again on demand.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from jenjang_local.config import LOOPBACK, SERVICES, StackConfig
from jenjang_local.errors import StackError
from jenjang_local.keycloak_dist import dist_lock, ensure_keycloak_dist, kc_sh
from jenjang_local.keycloak_realm import REALM, fingerprint, realm_document, render
from jenjang_local.output import file_size, log_tail, say, tail_lines
from jenjang_local.ports import require_free_port
from jenjang_local.prereqs import require_keycloak_java
from jenjang_local.procs import (
    live_pid,
    process_alive,
    spawn_detached,
    stop_process_group,
    write_pid_file,
)

STOP_GRACE_S = 20.0
BOOTSTRAP_ADMIN = "admin"

# A small heap for a 2-core development box; Keycloak's own default for a non-container run is
# -Xmx512m. Metaspace and GC settings come from kc.sh's defaults.
HEAP_OPTIONS = "-Xms64m -Xmx384m"
_JAVA_APPEND = [
    "-Djava.awt.headless=true",
    # Quarkus resets thread locals on its worker threads; Java 24+ needs this to allow it (else
    # an IllegalAccessError at shutdown).
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]
# Build-time options, baked into the distribution by `kc.sh build` (recorded in BUILD_MARKER).
BUILD_OPTIONS: tuple[str, ...] = (
    "--db=dev-file",
    "--health-enabled=true",
    # Health on the main port, so no management interface (port 9000) is opened at all.
    "--http-management-health-enabled=false",
)
BUILD_MARKER = ".jenjang-build-options"

# Netty still calls sun.misc.Unsafe's memory methods, which Java 24+ warns about on every start.
_JAVA_24_APPEND = ["--sun-misc-unsafe-memory-access=allow"]


@dataclass(frozen=True)
class Secrets:
    admin_password: str
    demo_password: str
    internal_client_secret: str


# --- where things are ---------------------------------------------------------------------------


def pid_file(config: StackConfig) -> Path:
    return config.run_dir / "keycloak.pid"


def log_file(config: StackConfig) -> Path:
    return config.logs_dir / "keycloak.log"


def home_dir(config: StackConfig) -> Path:
    return config.keycloak_dir


def database_dir(config: StackConfig) -> Path:
    return home_dir(config) / "data" / "h2"


def realm_file(config: StackConfig) -> Path:
    return home_dir(config) / "data" / "import" / f"{REALM}-realm.json"


def secrets_file(config: StackConfig) -> Path:
    return home_dir(config) / "secrets.json"


def issuer(config: StackConfig) -> str:
    """The `iss` of every token of the realm, e.g. http://127.0.0.1:58080/realms/jenjang."""
    return f"{config.keycloak_url}/realms/{REALM}"


def admin_console(config: StackConfig) -> str:
    return f"{config.keycloak_url}/admin/"


def stack_id(config: StackConfig) -> str:
    return str(config.state_dir)


def service_auth_env(config: StackConfig) -> dict[str, str]:
    """<SERVICE>_AUTH_ISSUER and <SERVICE>_AUTH_AUDIENCE for each of the five services."""
    env: dict[str, str] = {}
    for service in SERVICES:
        env[f"{service.upper()}_AUTH_ISSUER"] = issuer(config)
        env[f"{service.upper()}_AUTH_AUDIENCE"] = service
    return env


# --- secrets --------------------------------------------------------------------------------------


def read_secrets(config: StackConfig) -> Secrets | None:
    try:
        data = json.loads(secrets_file(config).read_text())
        return Secrets(
            admin_password=str(data["admin_password"]),
            demo_password=str(data["demo_password"]),
            internal_client_secret=str(data["internal_client_secret"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _ensure_secrets(config: StackConfig) -> Secrets:
    existing = read_secrets(config)
    if existing is not None:
        return existing
    created = Secrets(
        admin_password=secrets.token_urlsafe(18),
        demo_password=secrets.token_urlsafe(18),
        internal_client_secret=secrets.token_urlsafe(32),
    )
    path = secrets_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        json.dump(created.__dict__, handle, indent=2)
    tmp.replace(path)
    return created


# --- life cycle -----------------------------------------------------------------------------------


def running_pid(config: StackConfig) -> int | None:
    return live_pid(pid_file(config), stack_id(config))


def is_ready(config: StackConfig, timeout: float = 0.5) -> bool:
    """True when /health/ready answers 200 (Keycloak reports DOWN until its database is up)."""
    try:
        response = httpx.get(
            f"{config.keycloak_url}/health/ready", timeout=timeout, trust_env=False
        )
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def _realm_served(config: StackConfig, timeout: float = 2.0) -> bool:
    try:
        response = httpx.get(
            f"{issuer(config)}/.well-known/openid-configuration", timeout=timeout, trust_env=False
        )
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def _link_dist(config: StackConfig, dist: Path) -> None:
    link, target = home_dir(config) / "lib", dist / "lib"
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.exists():
        shutil.rmtree(link)
    link.symlink_to(target, target_is_directory=True)


def _prepare_home(config: StackConfig, dist: Path) -> tuple[Secrets, str]:
    """Create the home folders, the secrets and the realm file; reset a stale database.

    Returns the secrets and the realm document's fingerprint, which the caller records once
    Keycloak has imported it (so a failed first start is not mistaken for a good database).
    """
    home = home_dir(config)
    for folder in (home / "data" / "import", home / "providers", home / "themes"):
        folder.mkdir(parents=True, exist_ok=True)
    _link_dist(config, dist)
    had_secrets = read_secrets(config) is not None
    found = _ensure_secrets(config)
    text = render(realm_document(internal_secret=found.internal_client_secret))
    recorded = home / "realm.sha256"
    try:
        old = recorded.read_text().strip()
    except OSError:
        old = ""
    if database_dir(config).exists() and (old != fingerprint(text) or not had_secrets):
        say(
            "The realm document (or the local secrets) changed since Keycloak's database was "
            "made; deleting that database so the realm is imported afresh (demo users come back "
            "on demand with `jenjang token`)."
        )
        shutil.rmtree(database_dir(config))
    path = realm_file(config)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        handle.write(text)
    recorded.unlink(missing_ok=True)
    return found, fingerprint(text)


def _kc(config: StackConfig, dist: Path, command: str) -> list[str]:
    # kc.sh puts its own -Dkc.home.dir (the dist) first; the JVM keeps the last one given.
    return ["/bin/sh", str(kc_sh(dist)), command, f"-Dkc.home.dir={home_dir(config)}"]


def build_command(config: StackConfig, dist: Path) -> list[str]:
    return [*_kc(config, dist, "build"), *BUILD_OPTIONS]


def command_line(config: StackConfig, dist: Path) -> list[str]:
    """kc.sh start on the pre-built server: loopback HTTP, fixed issuer, realm import."""
    return [
        *_kc(config, dist, "start"),
        "--optimized",
        "--http-enabled=true",
        f"--http-host={LOOPBACK}",
        f"--http-port={config.keycloak_port}",
        f"--hostname={config.keycloak_url}",
        "--cache=local",
        "--import-realm",
        "--log-console-color=false",
    ]


def _build_marker(dist: Path) -> Path:
    return dist / "lib" / "quarkus" / BUILD_MARKER


def _ensure_built(config: StackConfig, dist: Path, env: dict[str, str]) -> None:
    """Run `kc.sh build` unless the distribution was built with our options already."""
    wanted = "\n".join(BUILD_OPTIONS) + "\n"

    def built() -> bool:
        try:
            return _build_marker(dist).read_text() == wanted
        except OSError:
            return False

    if built():
        return
    with dist_lock(dist):
        if built():
            return
        say(f"Building the Keycloak server once ({' '.join(BUILD_OPTIONS)}); about 20 s…")
        started = time.monotonic()
        _build_marker(dist).unlink(missing_ok=True)
        log = log_file(config)
        log.parent.mkdir(parents=True, exist_ok=True)
        log_start = file_size(log)
        with open(log, "ab") as sink:
            try:
                result = subprocess.run(
                    build_command(config, dist),
                    stdin=subprocess.DEVNULL,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    env=env,
                    cwd=home_dir(config),
                    timeout=config.keycloak_ready_timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise StackError(
                    f"`kc.sh build` did not finish within {config.keycloak_ready_timeout:.0f} s.",
                    "A slow machine may need JENJANG_KEYCLOAK_READY_TIMEOUT=300.",
                    details=log_tail(log, log_start),
                ) from None
        if result.returncode != 0:
            raise StackError(
                f"`kc.sh build` failed (exit {result.returncode}). Last lines of {log}:",
                f"Fix the cause shown above, or delete {dist} to unpack it again.",
                details=tail_lines(log_tail(log, log_start), 30),
            )
        _build_marker(dist).write_text(wanted)
        say(f"Keycloak server built in {time.monotonic() - started:.0f} s.")


def java_environment(java: str, major: int, admin_password: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Either would replace kc.sh's JVM options (heap, GC) wholesale.
        if key not in ("JAVA_OPTS", "JAVA_OPTS_KC_HEAP", "JAVA_OPTS_APPEND")
    }
    append = [*_JAVA_APPEND, *(_JAVA_24_APPEND if major >= 24 else [])]
    env.update(
        JAVA=java,
        JAVA_HOME=str(Path(java).parent.parent),
        JAVA_OPTS_KC_HEAP=HEAP_OPTIONS,
        JAVA_OPTS_APPEND=" ".join(append),
        # Environment, not the command line, so the password does not show in `ps`.
        KC_BOOTSTRAP_ADMIN_USERNAME=BOOTSTRAP_ADMIN,
        KC_BOOTSTRAP_ADMIN_PASSWORD=admin_password,
    )
    return env


def start_keycloak(config: StackConfig) -> int:
    """Start Keycloak unless ours already runs; wait until the realm is served. Returns pid."""
    pid = running_pid(config)
    if pid is not None:
        _wait_until_ready(config, pid, time.monotonic(), log_start=0, already_running=True)
        return pid

    require_free_port(LOOPBACK, config.keycloak_port, "JENJANG_KEYCLOAK_PORT", "Keycloak")
    java, major = require_keycloak_java(config.keycloak_java_home)
    dist = ensure_keycloak_dist(config)
    found, realm_fingerprint = _prepare_home(config, dist)

    env = java_environment(java, major, found.admin_password)
    _ensure_built(config, dist, env)

    log = log_file(config)
    say(
        f"Starting Keycloak {config.keycloak_version} on {config.keycloak_url} (Java {major}; "
        f"log: {log})…"
    )
    started = time.monotonic()
    log_start = file_size(log)
    proc = spawn_detached(
        command_line(config, dist),
        log_path=log,
        env=env,
        cwd=home_dir(config),
        stack_id=stack_id(config),
    )
    write_pid_file(pid_file(config), proc.pid)
    _wait_until_ready(config, proc.pid, started, log_start=log_start)
    (home_dir(config) / "realm.sha256").write_text(realm_fingerprint + "\n")
    return proc.pid


def _wait_until_ready(
    config: StackConfig,
    pid: int,
    started: float,
    *,
    log_start: int,
    already_running: bool = False,
) -> None:
    deadline = started + config.keycloak_ready_timeout
    log = log_file(config)
    next_note = started + 20
    while True:
        if not process_alive(pid):
            raise StackError(
                f"Keycloak (pid {pid}) exited while starting. Last lines of {log}:",
                f"Fix the cause shown above and run the command again (full log: {log}). "
                f"If its database is damaged, delete {home_dir(config)} (Keycloak's local data "
                "only; it is made again at the next start).",
                details=log_tail(log, log_start),
            )
        if is_ready(config, timeout=2.0) and _realm_served(config):
            if already_running:
                say(f"Keycloak already running (pid {pid}).")
            else:
                say(
                    f"Keycloak ready in {time.monotonic() - started:.1f} s; issuer {issuer(config)}."
                )
            return
        now = time.monotonic()
        if now >= deadline:
            raise StackError(
                f"Keycloak did not become ready on {config.keycloak_url} within "
                f"{config.keycloak_ready_timeout:.0f} s (pid {pid} still runs). "
                f"Last lines of {log}:",
                f"Read {log}; a slow machine may need JENJANG_KEYCLOAK_READY_TIMEOUT=300.",
                details=log_tail(log, log_start),
            )
        if now >= next_note and not already_running:
            say(f"  …Keycloak still starting ({now - started:.0f} s)")
            next_note += 20
        time.sleep(0.5)


def stop_keycloak(config: StackConfig) -> None:
    """SIGTERM Keycloak's process group, SIGKILL after 20 s."""
    pid = running_pid(config)
    if pid is None:
        return
    say(f"Stopping Keycloak (pid {pid})…")
    started = time.monotonic()
    clean = stop_process_group(pid, STOP_GRACE_S)
    pid_file(config).unlink(missing_ok=True)
    if clean:
        say(f"Keycloak stopped in {time.monotonic() - started:.1f} s.")
    else:
        say(f"Keycloak did not stop within {STOP_GRACE_S:.0f} s; killed it.")


def purge(config: StackConfig) -> None:
    """Delete this stack's Keycloak home (database, realm file, secrets); keep the dist."""
    shutil.rmtree(home_dir(config), ignore_errors=True)
