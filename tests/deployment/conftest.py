"""A Kafka broker of the test's own (the launcher's recipe, on free ports, in a temporary state
dir) for the tests that stop it: the session's shared broker is never touched."""

from __future__ import annotations

import dataclasses
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from jenjang_testing.harness import free_port

jenjang_local = pytest.importorskip("jenjang_local")
from jenjang_local import kafka_broker  # noqa: E402
from jenjang_local.config import StackConfig  # noqa: E402
from jenjang_local.kafka_jars import ensure_kafka_jars  # noqa: E402


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[StackConfig]:
    main = StackConfig.from_env()
    libs = ensure_kafka_jars(main)
    config = dataclasses.replace(main, state_dir=tmp_path / "stack", kafka_port=free_port(),
                                 kafka_controller_port=free_port())  # fmt: skip
    config.state_dir.mkdir()
    config.kafka_libs_dir.symlink_to(libs, target_is_directory=True)
    kafka_broker.start_broker(config)
    yield config
    if kafka_broker.running_pid(config) is not None:
        kafka_broker.stop_broker(config)


def kill_broker(config: StackConfig) -> None:
    """SIGKILL, as a crashed broker or a lost node: nothing is flushed or handed over."""
    pid = kafka_broker.running_pid(config)
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)
    kafka_broker.pid_file(config).unlink()
