"""A local Apicurio Registry 3: the schema registry that events' `dataschema` URLs point into.

It runs the Quarkus fast-jar from the unpacked distribution (`registry_dist.py`) on a JDK 21+
(the same search as Keycloak's), bound to loopback: the REST API on JENJANG_REGISTRY_PORT (58081,
the port `jenjang_shared.contracts.provenance` names by default) and Quarkus's management
interface (health, metrics) on JENJANG_REGISTRY_MANAGEMENT_PORT. Its storage is an H2 file
database in `<state>/registry/`, so the versions registered earlier, against which the
compatibility rule checks every new one, survive a restart; `down --purge` deletes it.

`jenjang-events register` (`schema_register.py`) fills it with the published schemas.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import httpx

from jenjang_local.config import LOOPBACK, StackConfig
from jenjang_local.errors import StackError
from jenjang_local.output import file_size, log_tail, say
from jenjang_local.ports import require_free_port
from jenjang_local.prereqs import require_keycloak_java
from jenjang_local.procs import (
    live_pid,
    process_alive,
    spawn_detached,
    stop_process_group,
    write_pid_file,
)
from jenjang_local.registry_dist import ensure_registry_dist, run_jar

STOP_GRACE_S = 20.0
# A small heap and the C1 compiler only: on a 2-core development box start-up time matters more
# than peak throughput for a registry that serves a few hundred requests.
JAVA_OPTIONS: tuple[str, ...] = (
    "-Xms32m",
    "-Xmx256m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-Djava.awt.headless=true",
)


def pid_file(config: StackConfig) -> Path:
    return config.run_dir / "registry.pid"


def log_file(config: StackConfig) -> Path:
    return config.logs_dir / "registry.log"


def stack_id(config: StackConfig) -> str:
    return str(config.state_dir)


def api_url(config: StackConfig) -> str:
    """The base of the v3 REST API, e.g. http://127.0.0.1:58081/apis/registry/v3."""
    return f"{config.registry_url}/apis/registry/v3"


def command_line(config: StackConfig, java: str, dist: Path) -> list[str]:
    data = config.registry_dir
    settings = {
        "quarkus.http.host": LOOPBACK,
        "quarkus.http.port": str(config.registry_port),
        "quarkus.management.host": LOOPBACK,
        "quarkus.management.port": str(config.registry_management_port),
        # A file database instead of the default in-memory one; see the module docstring.
        "apicurio.datasource.url": f"jdbc:h2:file:{data / 'h2' / 'registry'};DB_CLOSE_ON_EXIT=FALSE",
        # Both default to /tmp, shared by every stack on the machine.
        "apicurio.storage.snapshot.location": str(data / "snapshots"),
        "apicurio.import.work-dir": str(data / "import"),
        # Four connections are plenty for one developer; the default keeps twenty open.
        "apicurio.datasource.jdbc.initial-size": "4",
        "apicurio.datasource.jdbc.min-size": "4",
    }
    return [
        java,
        *JAVA_OPTIONS,
        *(f"-D{key}={value}" for key, value in settings.items()),
        "-jar",
        str(run_jar(dist)),
    ]


def running_pid(config: StackConfig) -> int | None:
    return live_pid(pid_file(config), stack_id(config))


def is_ready(config: StackConfig, timeout: float = 0.5) -> bool:
    """True when the REST API answers (it does only once storage is up)."""
    try:
        response = httpx.get(f"{api_url(config)}/system/info", timeout=timeout, trust_env=False)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def spawn_registry(config: StackConfig) -> tuple[int, float, int]:
    """Start the registry unless ours runs, without waiting: (pid, start time, log offset).

    Split from the wait so that `jenjang up` can start Keycloak while the registry boots.
    """
    pid = running_pid(config)
    if pid is not None:
        return pid, time.monotonic(), -1
    require_free_port(LOOPBACK, config.registry_port, "JENJANG_REGISTRY_PORT", "schema registry")
    require_free_port(
        LOOPBACK,
        config.registry_management_port,
        "JENJANG_REGISTRY_MANAGEMENT_PORT",
        "schema registry management",
    )
    java, major = require_keycloak_java(config.keycloak_java_home)
    dist = ensure_registry_dist(config)
    for folder in ("h2", "snapshots", "import"):
        (config.registry_dir / folder).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_OPTS", "JAVA_TOOL_OPTIONS")}
    log = log_file(config)
    say(
        f"Starting Apicurio Registry {config.registry_version} on {config.registry_url} "
        f"(Java {major}; log: {log})…"
    )
    log_start = file_size(log)
    started = time.monotonic()
    proc = spawn_detached(
        command_line(config, java, dist),
        log_path=log,
        env=env,
        cwd=config.registry_dir,
        stack_id=stack_id(config),
    )
    write_pid_file(pid_file(config), proc.pid)
    return proc.pid, started, log_start


def wait_until_ready(config: StackConfig, pid: int, started: float, log_start: int) -> None:
    """Wait (at most JENJANG_REGISTRY_READY_TIMEOUT) until the API answers; fail if it dies."""
    deadline = started + config.registry_ready_timeout
    log = log_file(config)
    while True:
        if not process_alive(pid):
            raise StackError(
                f"Apicurio Registry (pid {pid}) exited while starting. Last lines of {log}:",
                f"Fix the cause shown above and run the command again. If its database is "
                f"damaged, delete {config.registry_dir} and register the schemas again.",
                details=log_tail(log, max(log_start, 0)),
            )
        if is_ready(config, timeout=2.0):
            if log_start < 0:
                say(f"Schema registry already running (pid {pid}).")
            else:
                say(f"Schema registry ready in {time.monotonic() - started:.1f} s.")
            return
        if time.monotonic() >= deadline:
            raise StackError(
                f"Apicurio Registry did not answer on {config.registry_url} within "
                f"{config.registry_ready_timeout:.0f} s (pid {pid} still runs). "
                f"Last lines of {log}:",
                f"Read {log}; a slow machine may need JENJANG_REGISTRY_READY_TIMEOUT=180.",
                details=log_tail(log, max(log_start, 0)),
            )
        time.sleep(0.3)


def start_registry(config: StackConfig) -> int:
    """Start the registry unless ours already runs; wait until it answers. Returns its pid."""
    pid, started, log_start = spawn_registry(config)
    wait_until_ready(config, pid, started, log_start)
    return pid


def stop_registry(config: StackConfig) -> None:
    """SIGTERM the registry's process group, SIGKILL after 20 s; its database stays."""
    pid = running_pid(config)
    if pid is None:
        return
    say(f"Stopping the schema registry (pid {pid})…")
    clean = stop_process_group(pid, STOP_GRACE_S)
    pid_file(config).unlink(missing_ok=True)
    if not clean:
        say(f"The schema registry did not stop within {STOP_GRACE_S:.0f} s; killed it.")


def purge(config: StackConfig) -> None:
    """Delete this stack's registry database; keep the distribution."""
    shutil.rmtree(config.registry_dir, ignore_errors=True)
