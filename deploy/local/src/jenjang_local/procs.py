"""Processes we start: pid files, "is this still ours?", detached spawning, group shutdown.

Every process the launcher starts carries JENJANG_STACK_ID=<state dir> in its environment. Linux
keeps a process's initial environment readable in /proc/<pid>/environ, so we can tell our
processes apart from an unrelated one that reused a pid after a reboot or crash, and `down` can
sweep up anything of ours that a pid file no longer points to.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

STACK_ID_VAR = "JENJANG_STACK_ID"
_PROC = Path("/proc")

# Popen objects of the processes we started. Holding them keeps Python from warning "subprocess
# is still running" when they are garbage-collected: outliving us is the point of detaching.
_SPAWNED: list[subprocess.Popen[bytes]] = []


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (which may contain spaces)."""
    try:
        raw = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return raw[raw.rfind(")") + 2 :].split()


def _reap(pid: int) -> None:
    # A child of this very process (e.g. the pytest session that started a service) stays a
    # zombie until waited for; reap it so it stops looking alive. Not our child: nothing to do.
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def process_alive(pid: int) -> bool:
    """True if the pid runs (zombies, which have exited, count as dead)."""
    if pid <= 0:
        return False
    _reap(pid)
    fields = _stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def process_environ(pid: int) -> dict[str, str] | None:
    try:
        raw = (_PROC / str(pid) / "environ").read_bytes()
    except OSError:
        return None
    env: dict[str, str] = {}
    for item in raw.split(b"\0"):
        key, sep, value = item.partition(b"=")
        if sep:
            env[key.decode(errors="replace")] = value.decode(errors="replace")
    return env


def is_ours(pid: int, stack_id: str) -> bool:
    """True if the pid is alive and was started by this stack (same state dir)."""
    if not process_alive(pid):
        return False
    env = process_environ(pid)
    return env is not None and env.get(STACK_ID_VAR) == stack_id


def read_pid_file(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def write_pid_file(path: Path, pid: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(f"{pid}\n")
    tmp.replace(path)


def live_pid(path: Path, stack_id: str) -> int | None:
    """The pid in the pid file if that process is alive and ours; removes a stale file."""
    pid = read_pid_file(path)
    if pid is not None and is_ours(pid, stack_id):
        return pid
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return None


def spawn_detached(
    argv: Sequence[str],
    *,
    log_path: Path,
    env: Mapping[str, str],
    cwd: Path,
    stack_id: str,
) -> subprocess.Popen[bytes]:
    """Start argv in its own session (so it outlives us and can be stopped as a group).

    stdout and stderr go to log_path (appended, so earlier runs stay readable).
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    full_env = {**env, STACK_ID_VAR: stack_id}
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=full_env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
        )
    _SPAWNED.append(proc)
    return proc


def group_members(pgid: int) -> list[int]:
    """Live pids whose process group is pgid."""
    members = []
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        # fields: state, ppid, pgrp, ...
        if fields and fields[0] not in ("Z", "X") and fields[2] == str(pgid):
            members.append(int(entry.name))
    return members


def processes_of_stack(stack_id: str) -> list[int]:
    """Every live process carrying our stack id, except this one and its ancestors."""
    exclude = _ancestors(os.getpid())
    found = []
    for entry in _PROC.iterdir():
        if not entry.name.isdigit() or int(entry.name) in exclude:
            continue
        pid = int(entry.name)
        env = process_environ(pid)
        if env is not None and env.get(STACK_ID_VAR) == stack_id and process_alive(pid):
            found.append(pid)
    return found


def _ancestors(pid: int) -> set[int]:
    chain = {pid}
    while pid > 1:
        fields = _stat_fields(pid)
        if fields is None:
            break
        pid = int(fields[1])
        chain.add(pid)
    return chain


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def terminate_group(pgid: int) -> None:
    """Ask the whole group to shut down (SIGTERM), without waiting."""
    _signal_group(pgid, signal.SIGTERM)


def wait_or_kill_group(pgid: int, grace_s: float) -> bool:
    """Wait up to grace_s for the group to exit, then SIGKILL it; True if it exited by itself."""
    if _wait_group_gone(pgid, grace_s):
        return True
    _signal_group(pgid, signal.SIGKILL)
    _wait_group_gone(pgid, 5.0)
    return False


def stop_process_group(pgid: int, grace_s: float) -> bool:
    """SIGTERM the whole group, wait up to grace_s, then SIGKILL what is left.

    Returns True if the group ended within the grace period (a clean shutdown).
    """
    if not group_members(pgid) and not process_alive(pgid):
        return True
    terminate_group(pgid)
    return wait_or_kill_group(pgid, grace_s)


def _wait_group_gone(pgid: int, deadline_s: float) -> bool:
    end = time.monotonic() + deadline_s
    while True:
        _reap(pgid)
        if not group_members(pgid):
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.1)


def descendants(pids: list[int]) -> list[int]:
    """All live descendants of the given pids (children, grandchildren, ...)."""
    children: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields and fields[0] not in ("Z", "X"):
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    todo = list(pids)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found


def kill_processes(pids: list[int]) -> None:
    """SIGKILL the pids and wait (up to 5 s each) until they are gone."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    for pid in pids:
        end = time.monotonic() + 5.0
        while process_alive(pid) and time.monotonic() < end:
            time.sleep(0.05)


def kill_stragglers(stack_id: str) -> list[int]:
    """SIGKILL any process of ours still alive (last step of `down`); returns their pids.

    Descendants are included because some children do not keep our marker (PostgreSQL's
    backends overwrite their environment area with their process title) or their own group.
    """
    marked = processes_of_stack(stack_id)
    stragglers = marked + [pid for pid in descendants(marked) if pid not in marked]
    kill_processes(stragglers)
    return stragglers
