"""StackConfig.from_env: defaults, overrides and the mistakes it refuses early."""

from pathlib import Path

import pytest

from jenjang_local.config import StackConfig, find_project_root
from jenjang_local.errors import StackError
from jenjang_local.services import service_env


def test_defaults_put_state_under_the_project_root() -> None:
    config = StackConfig.from_env({})

    assert (config.project_root / "pyproject.toml").is_file()
    assert (config.project_root / "deploy" / "local").is_dir()
    assert config.state_dir == config.project_root / ".jenjang"
    assert (config.pg_port, config.kafka_port, config.kafka_controller_port) == (
        55432,
        59092,
        59093,
    )
    assert config.kafka_partitions == 6
    assert config.kafka_version == "4.1.1"
    assert config.log4j_version == "2.24.3"
    assert dict(config.service_ports) == {
        "personnel": 8001,
        "training": 8002,
        "mentoring": 8003,
        "evaluation": 8004,
        "welfare": 8005,
    }
    assert config.service_ready_timeout == 120
    assert config.pg_admin_dsn == "postgresql://postgres@127.0.0.1:55432/postgres"
    assert config.kafka_bootstrap == "127.0.0.1:59092"
    assert config.kafka_libs_dir == config.state_dir / "kafka-libs-4.1.1"


def test_every_setting_can_be_overridden(tmp_path: Path) -> None:
    env = {
        "JENJANG_STATE_DIR": str(tmp_path / "state"),
        "JENJANG_PG_PORT": "15432",
        "JENJANG_KAFKA_PORT": " 19092 ",
        "JENJANG_KAFKA_CONTROLLER_PORT": "19093",
        "JENJANG_KAFKA_PARTITIONS": "3",
        "JENJANG_KAFKA_VERSION": "4.2.0",
        "JENJANG_LOG4J_VERSION": "2.25.1",
        "JENJANG_WELFARE_PORT": "18005",
        "JENJANG_SERVICE_READY_TIMEOUT": "30",
    }
    config = StackConfig.from_env(env)

    assert config.state_dir == tmp_path / "state"
    assert config.pg_port == 15432
    assert config.kafka_bootstrap == "127.0.0.1:19092"
    assert config.kafka_controller_port == 19093
    assert config.kafka_partitions == 3
    assert config.kafka_libs_dir.name == "kafka-libs-4.2.0"
    assert config.log4j_version == "2.25.1"
    assert config.service_ports["welfare"] == 18005
    assert config.service_ports["personnel"] == 8001
    assert config.service_ready_timeout == 30
    assert config.database_dsn("welfare") == "postgresql://postgres@127.0.0.1:15432/welfare"


def test_empty_values_fall_back_to_defaults() -> None:
    config = StackConfig.from_env({"JENJANG_PG_PORT": "", "JENJANG_KAFKA_VERSION": " "})
    assert config.pg_port == 55432
    assert config.kafka_version == "4.1.1"


@pytest.mark.parametrize(
    ("env", "mentions"),
    [
        ({"JENJANG_PG_PORT": "fivefive"}, "JENJANG_PG_PORT"),
        ({"JENJANG_KAFKA_PORT": "70000"}, "JENJANG_KAFKA_PORT"),
        ({"JENJANG_KAFKA_PARTITIONS": "0"}, "JENJANG_KAFKA_PARTITIONS"),
        ({"JENJANG_TRAINING_PORT": "55432"}, "JENJANG_TRAINING_PORT"),
    ],
)
def test_bad_values_are_refused_naming_the_variable(env: dict[str, str], mentions: str) -> None:
    with pytest.raises(StackError) as caught:
        StackConfig.from_env(env)
    assert mentions in str(caught.value)


def test_project_root_is_the_folder_declaring_the_uv_workspace(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.uv.workspace]\nmembers = ["pkg"]\n')
    member = tmp_path / "pkg" / "src"
    member.mkdir(parents=True)
    # A member's own pyproject (no workspace table) must not stop the walk upwards.
    (tmp_path / "pkg" / "pyproject.toml").write_text('[project]\nname = "pkg"\n')

    assert find_project_root(member) == tmp_path


def test_service_env_uses_the_upper_case_prefix() -> None:
    config = StackConfig.from_env({"JENJANG_PG_PORT": "15432", "JENJANG_MENTORING_PORT": "9003"})

    assert service_env(config, "mentoring") == {
        "MENTORING_DATABASE_URL": "postgresql://postgres@127.0.0.1:15432/mentoring",
        "MENTORING_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:59092",
        "MENTORING_HTTP_HOST": "127.0.0.1",
        "MENTORING_HTTP_PORT": "9003",
    }
