"""`jenjang logs`: the last lines of a component's log, optionally following it like tail -F."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from jenjang_local import kafka_broker, keycloak_server, postgres, registry, services
from jenjang_local.config import SERVICES, StackConfig
from jenjang_local.errors import StackError

COMPONENTS: tuple[str, ...] = ("postgres", "kafka", "keycloak", "registry", *SERVICES)


def log_paths(config: StackConfig) -> dict[str, Path]:
    paths = {
        "postgres": postgres.log_file(config),
        "kafka": kafka_broker.log_file(config),
        "keycloak": keycloak_server.log_file(config),
        "registry": registry.log_file(config),
    }
    paths.update({s: services.log_file(config, s) for s in SERVICES})
    return paths


def last_lines(path: Path, count: int) -> list[str]:
    """The last `count` lines, reading backwards in blocks (logs can grow large)."""
    if count <= 0:
        return []
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            position = handle.tell()
            chunk = b""
            while position > 0 and chunk.count(b"\n") <= count:
                step = min(65536, position)
                position -= step
                handle.seek(position)
                chunk = handle.read(step) + chunk
    except OSError:
        return []
    return chunk.decode(errors="replace").splitlines()[-count:]


def show_logs(config: StackConfig, component: str | None, lines: int, follow: bool) -> None:
    paths = log_paths(config)
    if component is not None:
        if component not in paths:
            raise StackError(
                f"No component named {component!r}.", f"Choose from: {', '.join(COMPONENTS)}."
            )
        chosen = {component: paths[component]}
    else:
        chosen = {name: path for name, path in paths.items() if path.exists()}
        if not chosen:
            raise StackError(
                f"No logs yet under {config.state_dir}.", "Start the stack with `jenjang up`."
            )
    if component is not None and not chosen[component].exists() and not follow:
        raise StackError(
            f"{component} has no log yet ({chosen[component]}).",
            "It has not been started; run `jenjang up`.",
        )

    several = len(chosen) > 1
    for name, path in chosen.items():
        if several:
            print(f"==> {name} ({path}) <==")
        for line in last_lines(path, lines):
            print(line)
        if several:
            print()
    sys.stdout.flush()
    if follow:
        _follow(chosen, prefix=several)


def _follow(paths: dict[str, Path], *, prefix: bool) -> None:
    positions = {name: _size(path) for name, path in paths.items()}
    partial = dict.fromkeys(paths, b"")
    try:
        while True:
            for name, path in paths.items():
                size = _size(path)
                if size < positions[name]:
                    positions[name] = 0  # truncated or recreated (e.g. after --purge)
                if size == positions[name]:
                    continue
                with open(path, "rb") as handle:
                    handle.seek(positions[name])
                    data = partial[name] + handle.read()
                    positions[name] = handle.tell()
                *complete, partial[name] = data.split(b"\n")
                for raw in complete:
                    line = raw.decode(errors="replace")
                    print(f"{name} | {line}" if prefix else line)
            sys.stdout.flush()
            time.sleep(0.25)
    except KeyboardInterrupt:
        pass


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
