"""Where the local stack lives and which ports it uses, read from the environment."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jenjang_local.errors import StackError

# The five services, in start order. Each one is a Python package run as `python -m <name>`.
SERVICES: tuple[str, ...] = ("personnel", "training", "mentoring", "evaluation", "welfare")

DEFAULT_SERVICE_PORTS: Mapping[str, int] = {
    "personnel": 8001,
    "training": 8002,
    "mentoring": 8003,
    "evaluation": 8004,
    "welfare": 8005,
}

# Kafka's published POM leaves out the logging binding that the release tarball ships, so we add
# log4j-slf4j-impl ourselves at the log4j2 version each Kafka release was built with.
LOG4J_VERSION_FOR_KAFKA: Mapping[str, str] = {
    "4.0": "2.24.3",
    "4.1": "2.24.3",
}
DEFAULT_LOG4J_VERSION = "2.24.3"

LOOPBACK = "127.0.0.1"

# The newest 26.5 release on Maven Central (org.keycloak:keycloak-quarkus-dist, a zip).
DEFAULT_KEYCLOAK_VERSION = "26.5.6"

# Apicurio Registry's server (io.apicurio:apicurio-registry-app, classifier `all`, a tar.gz).
DEFAULT_REGISTRY_VERSION = "3.3.3"


def service_env_var(service: str) -> str:
    """Name of the variable that sets a service's HTTP port, e.g. JENJANG_PERSONNEL_PORT."""
    return f"JENJANG_{service.upper()}_PORT"


def find_project_root(start: Path | None = None) -> Path:
    """The folder whose pyproject.toml declares the uv workspace.

    We look upwards from this module first (the package is installed editable from the
    checkout), then from the working directory, so the CLI works from any sub-folder.
    """
    starts = [start] if start is not None else [Path(__file__).resolve(), Path.cwd().resolve()]
    for origin in starts:
        for folder in [origin, *origin.parents]:
            candidate = folder / "pyproject.toml"
            if candidate.is_file() and _declares_uv_workspace(candidate):
                return folder
    raise StackError(
        "Cannot find the project root (a pyproject.toml with [tool.uv.workspace]).",
        "Run jenjang from inside the checkout, or set JENJANG_STATE_DIR.",
    )


def _declares_uv_workspace(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return "workspace" in data.get("tool", {}).get("uv", {})


def _int_from_env(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise StackError(
            f"{name}={raw!r} is not a whole number.", f"Set {name} to e.g. {default}."
        ) from None
    if value <= 0:
        raise StackError(f"{name}={raw!r} must be positive.", f"Set {name} to e.g. {default}.")
    return value


def _port_from_env(env: Mapping[str, str], name: str, default: int) -> int:
    port = _int_from_env(env, name, default)
    if port > 65535:
        raise StackError(f"{name}={port} is not a TCP port.", f"Set {name} to a port below 65536.")
    return port


def _path_from_env(env: Mapping[str, str], name: str) -> Path | None:
    raw = env.get(name, "").strip()
    return Path(raw).expanduser().resolve() if raw else None


@dataclass(frozen=True)
class StackConfig:
    """Everything the launcher needs to know; build it with `StackConfig.from_env()`."""

    project_root: Path
    state_dir: Path
    pg_port: int = 55432
    kafka_port: int = 59092
    kafka_controller_port: int = 59093
    kafka_partitions: int = 6
    kafka_version: str = "4.1.1"
    log4j_version: str = DEFAULT_LOG4J_VERSION
    service_ports: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_SERVICE_PORTS))
    service_ready_timeout: float = 120.0
    kafka_ready_timeout: float = 90.0
    pg_bin_dir: Path = Path("/usr/lib/postgresql/15/bin")
    keycloak_port: int = 58080
    keycloak_version: str = DEFAULT_KEYCLOAK_VERSION
    keycloak_ready_timeout: float = 180.0
    keycloak_java_home: Path | None = None
    """A JDK 21+ for Keycloak (JENJANG_KEYCLOAK_JAVA_HOME); None: search the usual places."""
    keycloak_dist_override: Path | None = None
    """An unpacked Keycloak distribution to use (JENJANG_KEYCLOAK_DIST); None: in the state dir."""
    kafka_sasl: bool = False
    """SASL/SCRAM-SHA-512 and ACLs on the broker (JENJANG_KAFKA_SASL=1); see kafka_access.py."""
    registry_port: int = 58081
    """The schema registry's REST API (JENJANG_REGISTRY_PORT); events' `dataschema` names it."""
    registry_management_port: int = 58082
    """Its Quarkus management interface: health, metrics (JENJANG_REGISTRY_MANAGEMENT_PORT)."""
    registry_version: str = DEFAULT_REGISTRY_VERSION
    registry_ready_timeout: float = 90.0
    registry_dist_override: Path | None = None
    """An unpacked Apicurio Registry to use (JENJANG_REGISTRY_DIST); None: in the state dir."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> StackConfig:
        """Read the JENJANG_* variables (see `jenjang --help`) from `env` or os.environ."""
        env = os.environ if env is None else env
        state_raw = env.get("JENJANG_STATE_DIR", "").strip()
        if state_raw:
            state_dir = Path(state_raw).expanduser().resolve()
            # The project root only matters for the default state dir, the /var/tmp fallback
            # name and the services' working directory; do not fail when run from elsewhere.
            try:
                project_root = find_project_root()
            except StackError:
                project_root = Path.cwd().resolve()
        else:
            project_root = find_project_root()
            state_dir = project_root / ".jenjang"

        kafka_version = env.get("JENJANG_KAFKA_VERSION", "").strip() or "4.1.1"
        minor = ".".join(kafka_version.split(".")[:2])
        log4j_version = env.get("JENJANG_LOG4J_VERSION", "").strip() or LOG4J_VERSION_FOR_KAFKA.get(
            minor, DEFAULT_LOG4J_VERSION
        )
        service_ports = {
            service: _port_from_env(env, service_env_var(service), default)
            for service, default in DEFAULT_SERVICE_PORTS.items()
        }
        keycloak_version = env.get("JENJANG_KEYCLOAK_VERSION", "").strip() or (
            DEFAULT_KEYCLOAK_VERSION
        )
        config = cls(
            project_root=project_root,
            state_dir=state_dir,
            pg_port=_port_from_env(env, "JENJANG_PG_PORT", 55432),
            kafka_port=_port_from_env(env, "JENJANG_KAFKA_PORT", 59092),
            kafka_controller_port=_port_from_env(env, "JENJANG_KAFKA_CONTROLLER_PORT", 59093),
            kafka_partitions=_int_from_env(env, "JENJANG_KAFKA_PARTITIONS", 6),
            kafka_version=kafka_version,
            log4j_version=log4j_version,
            service_ports=service_ports,
            service_ready_timeout=float(_int_from_env(env, "JENJANG_SERVICE_READY_TIMEOUT", 120)),
            kafka_ready_timeout=float(_int_from_env(env, "JENJANG_KAFKA_READY_TIMEOUT", 90)),
            keycloak_port=_port_from_env(env, "JENJANG_KEYCLOAK_PORT", 58080),
            keycloak_version=keycloak_version,
            keycloak_ready_timeout=float(_int_from_env(env, "JENJANG_KEYCLOAK_READY_TIMEOUT", 180)),
            keycloak_java_home=_path_from_env(env, "JENJANG_KEYCLOAK_JAVA_HOME"),
            keycloak_dist_override=_path_from_env(env, "JENJANG_KEYCLOAK_DIST"),
            kafka_sasl=env.get("JENJANG_KAFKA_SASL", "").strip().lower() in ("1", "true", "yes"),
            registry_port=_port_from_env(env, "JENJANG_REGISTRY_PORT", 58081),
            registry_management_port=_port_from_env(env, "JENJANG_REGISTRY_MANAGEMENT_PORT", 58082),
            registry_version=env.get("JENJANG_REGISTRY_VERSION", "").strip()
            or DEFAULT_REGISTRY_VERSION,
            registry_ready_timeout=float(_int_from_env(env, "JENJANG_REGISTRY_READY_TIMEOUT", 90)),
            registry_dist_override=_path_from_env(env, "JENJANG_REGISTRY_DIST"),
        )
        config.check_ports_distinct()
        return config

    def check_ports_distinct(self) -> None:
        """Two components on one port would fail late and confusingly; refuse early instead."""
        seen: dict[int, str] = {}
        for var, port in self.port_env_vars().items():
            if port in seen:
                raise StackError(
                    f"{var} and {seen[port]} are both {port}.", "Give each component its own port."
                )
            seen[port] = var

    def port_env_vars(self) -> dict[str, int]:
        """Every port we bind, keyed by the variable that changes it (used in error messages)."""
        ports = {
            "JENJANG_PG_PORT": self.pg_port,
            "JENJANG_KAFKA_PORT": self.kafka_port,
            "JENJANG_KAFKA_CONTROLLER_PORT": self.kafka_controller_port,
            "JENJANG_KEYCLOAK_PORT": self.keycloak_port,
            "JENJANG_REGISTRY_PORT": self.registry_port,
            "JENJANG_REGISTRY_MANAGEMENT_PORT": self.registry_management_port,
        }
        for service, port in self.service_ports.items():
            ports[service_env_var(service)] = port
        return ports

    # --- derived locations -------------------------------------------------------------------

    @property
    def run_dir(self) -> Path:
        """Pid files and the start-up lock."""
        return self.state_dir / "run"

    @property
    def logs_dir(self) -> Path:
        return self.state_dir / "logs"

    @property
    def kafka_dir(self) -> Path:
        """server.properties, logging config and the broker's data (log.dirs)."""
        return self.state_dir / "kafka"

    @property
    def kafka_libs_dir(self) -> Path:
        """Downloaded broker classpath; kept by `down --purge` because it is slow to fetch."""
        return self.state_dir / f"kafka-libs-{self.kafka_version}"

    @property
    def keycloak_dir(self) -> Path:
        """Keycloak's home for this stack: its dev-file database, the realm to import, secrets."""
        return self.state_dir / "keycloak"

    @property
    def keycloak_dist_dir(self) -> Path:
        """The unpacked server distribution; kept by `down --purge` (a 165 MB download)."""
        if self.keycloak_dist_override is not None:
            return self.keycloak_dist_override
        return self.state_dir / f"keycloak-dist-{self.keycloak_version}"

    @property
    def keycloak_url(self) -> str:
        return f"http://{LOOPBACK}:{self.keycloak_port}"

    @property
    def registry_dir(self) -> Path:
        """The registry's H2 database (its artifacts survive a restart)."""
        return self.state_dir / "registry"

    @property
    def registry_dist_dir(self) -> Path:
        """The unpacked Apicurio Registry; kept by `down --purge` (a 158 MB download)."""
        if self.registry_dist_override is not None:
            return self.registry_dist_override
        return self.state_dir / f"registry-dist-{self.registry_version}"

    @property
    def registry_url(self) -> str:
        return f"http://{LOOPBACK}:{self.registry_port}"

    @property
    def kafka_bootstrap(self) -> str:
        return f"{LOOPBACK}:{self.kafka_port}"

    @property
    def pg_admin_dsn(self) -> str:
        return self.database_dsn("postgres")

    def database_dsn(self, database: str) -> str:
        return f"postgresql://postgres@{LOOPBACK}:{self.pg_port}/{database}"
