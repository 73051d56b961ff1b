"""Python API of the local stack, used by the `jenjang` CLI and by the test fixtures.

Typical use in a pytest session fixture::

    from jenjang_local import stack

    infra = stack.ensure_infra()                 # idempotent: reuses what already runs
    dsn = stack.create_database(infra, "test_abc123")
    stack.create_topics(infra, ["test.abc123.v1"])
    ...
    stack.stop_infra()                           # or leave it running for the next session

Every function takes an optional StackConfig (default: StackConfig.from_env()). Calls are
serialised across processes with a lock file, so parallel test workers may all call
ensure_infra() at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from jenjang_local import kafka_broker, keycloak_server, postgres, registry, services
from jenjang_local.aio import run_sync
from jenjang_local.config import LOOPBACK, SERVICES, StackConfig, service_env_var
from jenjang_local.errors import StackError
from jenjang_local.output import say
from jenjang_local.ports import port_answers, require_free_port
from jenjang_local.procs import kill_stragglers
from jenjang_local.schema_register import published_artifacts, register


@dataclass(frozen=True)
class Infra:
    """Where the running PostgreSQL and Kafka answer."""

    pg_admin_dsn: str
    """Superuser DSN of the maintenance database, e.g. postgresql://postgres@127.0.0.1:55432/postgres"""
    kafka_bootstrap: str
    """Bootstrap servers for clients, e.g. 127.0.0.1:59092"""
    pg_port: int
    kafka_port: int
    postgres_pid: int
    kafka_pid: int

    def database_dsn(self, name: str) -> str:
        """DSN of database `name` on this server (it must exist; see create_database)."""
        return self.pg_admin_dsn.rsplit("/", 1)[0] + f"/{name}"


@dataclass(frozen=True)
class Identity:
    """Where the running Keycloak answers (tokens: jenjang_local.keycloak.token_for)."""

    issuer: str
    """The realm's issuer, e.g. http://127.0.0.1:58080/realms/jenjang (OIDC discovery below it)"""
    url: str
    """Keycloak's base URL, e.g. http://127.0.0.1:58080"""
    port: int
    pid: int


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    state: str  # "running", "starting" (alive, not answering yet) or "stopped"
    pid: int | None
    address: str
    docs: str
    log: Path


def _config(config: StackConfig | None) -> StackConfig:
    return StackConfig.from_env() if config is None else config


# A lock file serialises start/stop across processes (parallel pytest workers, two terminals).
# flock() would also block a nested call in the same process (up() -> ensure_infra()), so an
# RLock serialises threads of this process and only the outermost holder takes the file lock.
_thread_lock = threading.RLock()
_lock_depth = 0


@contextlib.contextmanager
def _stack_lock(config: StackConfig) -> Iterator[None]:
    global _lock_depth
    with _thread_lock:
        if _lock_depth > 0:
            _lock_depth += 1
            try:
                yield
            finally:
                _lock_depth -= 1
            return
        path = config.run_dir / "stack.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            _lock_depth = 1
            try:
                yield
            finally:
                _lock_depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)


def check_ports(
    config: StackConfig, *, include_services: bool, include_keycloak: bool = False
) -> None:
    """Before starting anything, fail if a port we still need is held by another program.

    Checking all ports up front means a conflict never leaves half a stack running. Components
    of ours that already run are skipped: their ports are busy because of them.
    """
    needed: list[tuple[int, str, str]] = []
    if postgres.running_pid(config) is None:
        needed.append((config.pg_port, "JENJANG_PG_PORT", "PostgreSQL"))
    if kafka_broker.running_pid(config) is None:
        needed.append((config.kafka_port, "JENJANG_KAFKA_PORT", "Kafka"))
        needed.append(
            (config.kafka_controller_port, "JENJANG_KAFKA_CONTROLLER_PORT", "Kafka controller")
        )
    if include_keycloak and keycloak_server.running_pid(config) is None:
        needed.append((config.keycloak_port, "JENJANG_KEYCLOAK_PORT", "Keycloak"))
    if include_services:
        for service in SERVICES:
            if services.running_pid(config, service) is None:
                port = config.service_ports[service]
                needed.append((port, service_env_var(service), service))
    for port, env_var, component in needed:
        require_free_port(LOOPBACK, port, env_var, component)


def ensure_infra(config: StackConfig | None = None) -> Infra:
    """Start PostgreSQL and Kafka unless they already run, then create the five service
    databases and the service topics (asn.<service>.v1 and asn.<service>.dlq.v1).

    Idempotent and safe to call from several processes at once. Raises StackError (with a
    "what to do") on port conflicts, missing Java/Maven, a broker that dies, or a timeout.
    """
    config = _config(config)
    with _stack_lock(config):
        check_ports(config, include_services=False)
        config.logs_dir.mkdir(parents=True, exist_ok=True)
        pg_pid = postgres.start_server(config)
        created = run_sync(postgres.ensure_databases_async(config.pg_admin_dsn, SERVICES))
        if created:
            say(f"Created databases: {', '.join(created)}.")
        kafka_pid = kafka_broker.start_broker(config)
        kafka_broker.ensure_service_topics(config)
    return Infra(
        pg_admin_dsn=config.pg_admin_dsn,
        kafka_bootstrap=config.kafka_bootstrap,
        pg_port=config.pg_port,
        kafka_port=config.kafka_port,
        postgres_pid=pg_pid,
        kafka_pid=kafka_pid,
    )


def infra_running(config: StackConfig | None = None) -> bool:
    """True if this stack's PostgreSQL and Kafka both run and answer on their ports.

    A fixture can use it to decide whether it owns the servers (and should stop them at the end)
    or found them already running (and should leave them for the developer).
    """
    config = _config(config)
    return (
        postgres.running_pid(config) is not None
        and kafka_broker.running_pid(config) is not None
        and port_answers(LOOPBACK, config.pg_port)
        and port_answers(LOOPBACK, config.kafka_port)
    )


def stop_infra(config: StackConfig | None = None) -> None:
    """Stop Kafka (controlled shutdown, SIGKILL after 30 s) and then PostgreSQL (fast mode).

    Services are not touched; call stop_services() first (or use down()).
    """
    config = _config(config)
    with _stack_lock(config):
        kafka_broker.stop_broker(config)
        postgres.stop_server(config)


def ensure_keycloak(config: StackConfig | None = None) -> Identity:
    """Start Keycloak with the `jenjang` realm unless it already runs; wait until it serves it.

    Needs Java 21+ (JENJANG_KEYCLOAK_JAVA_HOME, else Temurin 25 under /usr/lib/jvm) and, the
    first time, Maven to download the distribution. Idempotent; serialised like ensure_infra().
    """
    config = _config(config)
    with _stack_lock(config):
        # start_keycloak checks its own port; PostgreSQL's and Kafka's do not matter here.
        config.logs_dir.mkdir(parents=True, exist_ok=True)
        pid = keycloak_server.start_keycloak(config)
    return Identity(
        issuer=keycloak_server.issuer(config),
        url=config.keycloak_url,
        port=config.keycloak_port,
        pid=pid,
    )


def stop_keycloak(config: StackConfig | None = None) -> None:
    """Stop Keycloak (SIGTERM, SIGKILL after 20 s); its database stays for the next start."""
    config = _config(config)
    with _stack_lock(config):
        keycloak_server.stop_keycloak(config)


def ensure_registry(config: StackConfig | None = None, *, register_schemas: bool = True) -> str:
    """Start the schema registry unless it runs, then register the published schemas
    (`jenjang-events register`). Returns its URL. Raises StackError when a schema is refused.
    """
    config = _config(config)
    with _stack_lock(config):
        config.logs_dir.mkdir(parents=True, exist_ok=True)
        registry.start_registry(config)
        if register_schemas:
            _register_published(config)
    return config.registry_url


def _register_published(config: StackConfig) -> None:
    report = register(
        config.registry_url, published_artifacts(config.project_root / "docs" / "events")
    )
    if not report.ok:
        raise StackError(
            f"The schema registry refused {len(report.refused)} schema version(s):",
            "A `.v1` may only change compatibly (docs/events/README.md); make a `.v2` type.",
            details="\n".join(report.refused),
        )
    say(f"Schemas registered: {len(report.added)} new, {len(report.unchanged)} already there.")


def stop_registry(config: StackConfig | None = None) -> None:
    """Stop the schema registry; its database stays for the next start."""
    config = _config(config)
    with _stack_lock(config):
        registry.stop_registry(config)


def _admin_dsn(target: StackConfig | Infra | str | None) -> str:
    if isinstance(target, str):
        return target
    if isinstance(target, Infra):
        return target.pg_admin_dsn
    return _config(target).pg_admin_dsn


def create_database(target: StackConfig | Infra | str | None, name: str) -> str:
    """Create database `name` if missing and return its DSN.

    `target` is a StackConfig, an Infra, an admin DSN string, or None (config from env).
    Works from sync code and from inside a running event loop; async code may prefer
    `await postgres.create_database_async(admin_dsn, name)`.
    """
    admin_dsn = _admin_dsn(target)
    run_sync(postgres.create_database_async(admin_dsn, name))
    return admin_dsn.rsplit("/", 1)[0] + f"/{name}"


def drop_database(target: StackConfig | Infra | str | None, name: str) -> None:
    """Drop database `name` if it exists, disconnecting its sessions."""
    run_sync(postgres.drop_database_async(_admin_dsn(target), name))


def create_topics(
    target: StackConfig | Infra | str | None,
    topics: Iterable[str],
    partitions: int | None = None,
) -> list[str]:
    """Create the topics that do not exist yet (replication 1); returns those created.

    `target` is a StackConfig, an Infra, a bootstrap string, or None. The broker has
    auto.create.topics.enable=false, so tests create their topics with this.
    """
    if isinstance(target, str):
        bootstrap, default_partitions = target, 6
    elif isinstance(target, Infra):
        bootstrap, default_partitions = target.kafka_bootstrap, 6
    else:
        config = _config(target)
        bootstrap, default_partitions = config.kafka_bootstrap, config.kafka_partitions
    count = default_partitions if partitions is None else partitions
    return run_sync(kafka_broker.ensure_topics_async(bootstrap, list(topics), count))


def start_services(
    config: StackConfig | None = None,
    names: Iterable[str] | None = None,
    *,
    timeout: float | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Start the named services (default: all five) that do not run yet, as
    `python -m <service>`, and wait until each answers 200 on /health/ready.

    Each gets <SVC>_DATABASE_URL, <SVC>_KAFKA_BOOTSTRAP_SERVERS, <SVC>_HTTP_HOST and
    <SVC>_HTTP_PORT on top of os.environ and `extra_env`. Does not start the infrastructure:
    call ensure_infra() first. Returns {service: pid}. `timeout` defaults to
    config.service_ready_timeout (JENJANG_SERVICE_READY_TIMEOUT, 120 s). Services already
    running keep their old environment: stop_services() first to apply a new `extra_env`.
    """
    config = _config(config)
    with _stack_lock(config):
        return services.start_services(config, names, timeout=timeout, extra_env=extra_env)


def stop_services(config: StackConfig | None = None, names: Iterable[str] | None = None) -> None:
    """Stop the named services (default: all): SIGTERM, then SIGKILL after 15 s."""
    config = _config(config)
    with _stack_lock(config):
        services.stop_services(config, names)


def up(
    config: StackConfig | None = None,
    *,
    infra_only: bool = False,
    timeout: float | None = None,
    keycloak: bool = True,
    schema_registry: bool = False,
) -> list[ComponentStatus]:
    """Everything `jenjang up` does: ensure_infra(), ensure_keycloak() unless keycloak=False,
    the schema registry with the published schemas when schema_registry=True (`--registry`),
    then start_services() unless infra_only.

    The registry is off by default: with it, the warm start of the whole stack measured 61.7
    and 77.0 s on a loaded 2-core machine, against 42.8 and 65.6 s without (issue 14's note).

    With Keycloak the services also get <SERVICE>_AUTH_ISSUER (the realm's issuer) and
    <SERVICE>_AUTH_AUDIENCE (their own name).
    """
    config = _config(config)
    with _stack_lock(config):
        check_ports(config, include_services=not infra_only, include_keycloak=keycloak)
        # The registry boots (about 10 s) while PostgreSQL, Kafka and Keycloak start.
        booting = registry.spawn_registry(config) if schema_registry else None
        ensure_infra(config)
        if keycloak:
            ensure_keycloak(config)
        if booting is not None:
            registry.wait_until_ready(config, *booting)
            _register_published(config)
        if not infra_only:
            auth_env = keycloak_server.service_auth_env(config) if keycloak else None
            start_services(config, timeout=timeout, extra_env=auth_env)
    return status(config)


def down(config: StackConfig | None = None, *, purge: bool = False) -> list[int]:
    """Stop services, Keycloak, Kafka, then PostgreSQL; then kill any process of ours that is left.

    With purge=True also delete all data, logs and pid files (the downloaded Kafka jars and the
    Keycloak distribution stay).
    Returns the pids of stragglers that had to be killed (normally none).
    """
    config = _config(config)
    with _stack_lock(config):
        services.stop_services(config)
        keycloak_server.stop_keycloak(config)
        registry.stop_registry(config)
        kafka_broker.stop_broker(config)
        postgres.stop_server(config)
        stragglers = kill_stragglers(str(config.state_dir))
        if stragglers:
            say(f"Killed leftover processes of this stack: {stragglers}.")
        if purge:
            _purge(config)
    return stragglers


def _purge(config: StackConfig) -> None:
    postgres.purge(config)
    keycloak_server.purge(config)
    registry.purge(config)
    for folder in (config.kafka_dir, config.logs_dir, config.state_dir / "maven"):
        shutil.rmtree(folder, ignore_errors=True)
    # The run dir holds the lock file we are holding; empty it rather than removing it.
    for item in config.run_dir.glob("*.pid"):
        item.unlink(missing_ok=True)
    say(
        f"Deleted data and logs under {config.state_dir} (kept the Kafka jars and the "
        "Keycloak distribution)."
    )


def status(config: StackConfig | None = None) -> list[ComponentStatus]:
    """What runs now: one row for PostgreSQL, Kafka, Keycloak and each service."""
    config = _config(config)
    rows = []
    pg_pid = postgres.running_pid(config)
    pg_state = _state(pg_pid, port_answers(LOOPBACK, config.pg_port))
    rows.append(
        ComponentStatus(
            "postgres", pg_state, pg_pid, config.pg_admin_dsn, "", postgres.log_file(config)
        )
    )
    kafka_pid = kafka_broker.running_pid(config)
    kafka_state = _state(kafka_pid, port_answers(LOOPBACK, config.kafka_port))
    rows.append(
        ComponentStatus(
            "kafka",
            kafka_state,
            kafka_pid,
            config.kafka_bootstrap,
            "",
            kafka_broker.log_file(config),
        )
    )
    keycloak_pid = keycloak_server.running_pid(config)
    rows.append(
        ComponentStatus(
            "keycloak",
            _state(keycloak_pid, keycloak_pid is not None and keycloak_server.is_ready(config)),
            keycloak_pid,
            keycloak_server.issuer(config),
            keycloak_server.admin_console(config),
            keycloak_server.log_file(config),
        )
    )
    registry_pid = registry.running_pid(config)
    rows.append(
        ComponentStatus(
            "registry",
            _state(registry_pid, registry_pid is not None and registry.is_ready(config)),
            registry_pid,
            config.registry_url,
            f"{registry.api_url(config)}/groups/jenjang/artifacts",
            registry.log_file(config),
        )
    )
    for service in SERVICES:
        pid = services.running_pid(config, service)
        state = _state(pid, pid is not None and services.is_ready(config, service, timeout=0.5))
        url = services.base_url(config, service)
        rows.append(
            ComponentStatus(
                service, state, pid, url, f"{url}/docs", services.log_file(config, service)
            )
        )
    return rows


def _state(pid: int | None, answering: bool) -> str:
    if pid is None:
        return "stopped"
    return "running" if answering else "starting"
