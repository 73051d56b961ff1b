"""Pid files and liveness: a pid counts only while that process runs and carries our stack id."""

import os
import subprocess
import sys
import time
from pathlib import Path

from jenjang_local.procs import (
    STACK_ID_VAR,
    is_ours,
    kill_stragglers,
    live_pid,
    process_alive,
    processes_of_stack,
    read_pid_file,
    spawn_detached,
    stop_process_group,
    write_pid_file,
)


def _sleeper(tmp_path: Path, stack_id: str, script: str = "sleep 30") -> subprocess.Popen[bytes]:
    return spawn_detached(
        ["sh", "-c", script],
        log_path=tmp_path / "sleeper.log",
        env=os.environ,
        cwd=tmp_path,
        stack_id=stack_id,
    )


def test_live_pid_returns_our_running_process(tmp_path: Path) -> None:
    stack_id = str(tmp_path)
    proc = _sleeper(tmp_path, stack_id)
    try:
        pid_file = tmp_path / "run" / "x.pid"
        write_pid_file(pid_file, proc.pid)
        assert read_pid_file(pid_file) == proc.pid
        assert live_pid(pid_file, stack_id) == proc.pid
        assert pid_file.exists()
    finally:
        stop_process_group(proc.pid, 2.0)


def test_a_process_of_another_stack_is_not_ours(tmp_path: Path) -> None:
    # Same situation as a pid reused by an unrelated program after a crash or reboot.
    proc = _sleeper(tmp_path, "/some/other/state")
    try:
        pid_file = tmp_path / "x.pid"
        write_pid_file(pid_file, proc.pid)
        assert live_pid(pid_file, str(tmp_path)) is None
        assert not pid_file.exists(), "a stale pid file is removed"
    finally:
        stop_process_group(proc.pid, 2.0)


def test_a_process_without_marker_is_not_ours(tmp_path: Path) -> None:
    assert process_alive(os.getpid())
    assert not is_ours(os.getpid(), str(tmp_path))


def test_dead_missing_and_garbled_pid_files(tmp_path: Path) -> None:
    stack_id = str(tmp_path)
    proc = _sleeper(tmp_path, stack_id, script="exit 0")
    proc.wait()
    dead = tmp_path / "dead.pid"
    write_pid_file(dead, proc.pid)
    assert live_pid(dead, stack_id) is None

    garbled = tmp_path / "garbled.pid"
    garbled.write_text("not a pid\n")
    assert read_pid_file(garbled) is None
    assert live_pid(garbled, stack_id) is None

    assert live_pid(tmp_path / "missing.pid", stack_id) is None


def test_an_exited_unreaped_child_counts_as_dead(tmp_path: Path) -> None:
    # The pytest process that started a service is its parent: once it exits it is a zombie
    # until reaped, and must not look alive.
    proc = _sleeper(tmp_path, str(tmp_path), script="exit 0")
    deadline = time.monotonic() + 5
    while process_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_alive(proc.pid)


def test_stop_kills_the_whole_group_even_when_sigterm_is_ignored(tmp_path: Path) -> None:
    stack_id = str(tmp_path)
    proc = _sleeper(tmp_path, stack_id, script="trap '' TERM; sleep 30 & sleep 30 & wait")
    time.sleep(0.3)
    assert len(processes_of_stack(stack_id)) >= 2  # the shell and its sleeping children

    clean = stop_process_group(proc.pid, grace_s=0.5)

    assert clean is False  # had to SIGKILL
    assert processes_of_stack(stack_id) == []


def test_stop_is_clean_when_the_process_honours_sigterm(tmp_path: Path) -> None:
    proc = _sleeper(
        tmp_path, str(tmp_path), script=f"exec {sys.executable} -c 'import time; time.sleep(30)'"
    )
    assert stop_process_group(proc.pid, grace_s=5.0) is True
    assert not process_alive(proc.pid)


def test_kill_stragglers_finds_processes_by_marker(tmp_path: Path) -> None:
    stack_id = str(tmp_path)
    proc = _sleeper(tmp_path, stack_id)
    other = _sleeper(tmp_path, stack_id + "-other")
    try:
        killed = kill_stragglers(stack_id)  # the shell and its `sleep` child
        assert proc.pid in killed
        assert other.pid not in killed
        assert not any(process_alive(pid) for pid in killed)
        assert process_alive(other.pid)
        env = (Path("/proc") / str(other.pid) / "environ").read_bytes()
        assert f"{STACK_ID_VAR}={stack_id}-other".encode() in env
    finally:
        stop_process_group(other.pid, 2.0)
