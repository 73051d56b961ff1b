"""The five Jenjang services, each run as `python -m <service>` with its settings in env vars."""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path

from jenjang_local.config import LOOPBACK, SERVICES, StackConfig, service_env_var
from jenjang_local.errors import StackError
from jenjang_local.output import file_size, log_tail, say
from jenjang_local.ports import port_answers, require_free_port
from jenjang_local.procs import (
    live_pid,
    process_alive,
    spawn_detached,
    terminate_group,
    wait_or_kill_group,
    write_pid_file,
)

# uvicorn drains in-flight requests and the consumer commits its offsets on SIGTERM; give both
# a moment before SIGKILL.
STOP_GRACE_S = 15.0


def pid_file(config: StackConfig, service: str) -> Path:
    return config.run_dir / f"{service}.pid"


def log_file(config: StackConfig, service: str) -> Path:
    return config.logs_dir / f"{service}.log"


def base_url(config: StackConfig, service: str) -> str:
    return f"http://{LOOPBACK}:{config.service_ports[service]}"


def service_env(config: StackConfig, service: str) -> dict[str, str]:
    """The variables a service reads (prefix = upper-case service name)."""
    prefix = service.upper()
    return {
        f"{prefix}_DATABASE_URL": config.database_dsn(service),
        f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": config.kafka_bootstrap,
        f"{prefix}_HTTP_HOST": LOOPBACK,
        f"{prefix}_HTTP_PORT": str(config.service_ports[service]),
    }


def check_names(names: Iterable[str] | None) -> list[str]:
    if names is None:
        return list(SERVICES)
    chosen = list(names)
    unknown = [n for n in chosen if n not in SERVICES]
    if unknown:
        raise StackError(
            f"Unknown service(s): {', '.join(unknown)}.", f"Choose from: {', '.join(SERVICES)}."
        )
    return chosen


def running_pid(config: StackConfig, service: str) -> int | None:
    return live_pid(pid_file(config, service), str(config.state_dir))


def is_ready(config: StackConfig, service: str, timeout: float = 1.0) -> bool:
    """True if GET /health/ready answers 200."""
    url = f"{base_url(config, service)}/health/ready"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def start_services(
    config: StackConfig,
    names: Iterable[str] | None = None,
    *,
    timeout: float | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Start the named services (default: all five) that do not run yet; wait until all are ready.

    Returns {service: pid}. A service already running from this stack is left alone.
    """
    chosen = check_names(names)
    deadline_s = config.service_ready_timeout if timeout is None else timeout
    pids: dict[str, int] = {}
    started_now: set[str] = set()

    # Check every port before starting anything, so a conflict does not leave half a stack.
    for service in chosen:
        pid = running_pid(config, service)
        if pid is not None:
            pids[service] = pid
        else:
            port = config.service_ports[service]
            require_free_port(LOOPBACK, port, service_env_var(service), service)

    log_starts = {service: 0 for service in pids}
    base_env = {**os.environ, **(extra_env or {})}
    for service in chosen:
        if service in pids:
            continue
        log = log_file(config, service)
        log_starts[service] = file_size(log)
        proc = spawn_detached(
            [sys.executable, "-m", service],
            log_path=log,
            env={**base_env, **service_env(config, service)},
            cwd=config.project_root,
            stack_id=str(config.state_dir),
        )
        write_pid_file(pid_file(config, service), proc.pid)
        pids[service] = proc.pid
        started_now.add(service)
        say(f"Started {service} (pid {proc.pid}, log: {log}).")

    _wait_until_ready(config, pids, log_starts, started_now, deadline_s)
    return pids


def _wait_until_ready(
    config: StackConfig,
    pids: Mapping[str, int],
    log_starts: Mapping[str, int],
    started_now: set[str],
    deadline_s: float,
) -> None:
    begin = time.monotonic()
    pending = dict(pids)
    next_note = begin + 10
    while pending:
        for service, pid in list(pending.items()):
            if not process_alive(pid):
                log = log_file(config, service)
                raise StackError(
                    f"{service} (pid {pid}) exited before it became ready. Last lines of {log}:",
                    f"Fix the cause shown in the log and run `jenjang up` again (log: {log}).",
                    details=log_tail(log, log_starts[service]),
                )
            if is_ready(config, service):
                del pending[service]
                if service in started_now:
                    say(f"{service} ready in {time.monotonic() - begin:.1f} s.")
        if not pending:
            return
        now = time.monotonic()
        if now - begin >= deadline_s:
            lines = []
            for service in pending:
                port_state = (
                    "port answers"
                    if port_answers(LOOPBACK, config.service_ports[service])
                    else "port closed"
                )
                lines.append(
                    f"  {service}: {base_url(config, service)}/health/ready not 200 "
                    f"({port_state}); log: {log_file(config, service)}"
                )
            raise StackError(
                f"Timed out after {deadline_s:.0f} s waiting for services to become ready:",
                "Read the logs named above (`jenjang logs <service>`); a slow first start may "
                "need `jenjang up --timeout 300` (or JENJANG_SERVICE_READY_TIMEOUT).",
                details="\n".join(lines),
            )
        if now >= next_note:
            say(f"  …waiting for {', '.join(pending)} ({now - begin:.0f} s)")
            next_note += 10
        time.sleep(0.25)


def stop_services(config: StackConfig, names: Iterable[str] | None = None) -> None:
    """SIGTERM each running service's process group; SIGKILL whatever is left after 15 s."""
    chosen = check_names(names)
    running = {s: pid for s in chosen if (pid := running_pid(config, s)) is not None}
    if not running:
        return
    say(f"Stopping {', '.join(running)}…")
    # Signal all first, then wait against one shared deadline: the services stop in parallel.
    # (Only one SIGTERM each: some servers treat a second signal as "exit now".)
    for pid in running.values():
        terminate_group(pid)
    deadline = time.monotonic() + STOP_GRACE_S
    for service, pid in running.items():
        if not wait_or_kill_group(pid, max(0.0, deadline - time.monotonic())):
            say(f"{service} did not stop within {STOP_GRACE_S:.0f} s; killed it.")
        pid_file(config, service).unlink(missing_ok=True)
