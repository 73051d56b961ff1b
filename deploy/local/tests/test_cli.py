"""The CLI surface, without starting anything."""

from pathlib import Path

import pytest

from jenjang_local import stack
from jenjang_local.cli import build_parser, main
from jenjang_local.config import StackConfig
from jenjang_local.logs import last_lines


def test_parser_accepts_the_documented_commands() -> None:
    parser = build_parser()
    args = parser.parse_args(["logs", "kafka", "-n", "5", "-f"])
    assert (args.command, args.component, args.lines, args.follow) == ("logs", "kafka", 5, True)
    assert parser.parse_args(["up", "--infra-only"]).infra_only
    assert parser.parse_args(["down", "--purge"]).purge
    with pytest.raises(SystemExit):
        parser.parse_args(["logs", "no-such-component"])


def test_status_of_a_fresh_state_dir_shows_everything_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JENJANG_STATE_DIR", str(tmp_path))
    assert main(["status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1] for line in lines[2:]}
    assert rows == dict.fromkeys(
        [
            "postgres",
            "kafka",
            "keycloak",
            "registry",
            "personnel",
            "training",
            "mentoring",
            "evaluation",
            "welfare",
        ],
        "stopped",
    )


def test_logs_without_any_log_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JENJANG_STATE_DIR", str(tmp_path))
    assert main(["logs"]) == 1
    assert "jenjang up" in capsys.readouterr().err


def test_last_lines_reads_only_the_end_of_a_big_log(tmp_path: Path) -> None:
    log = tmp_path / "big.log"
    log.write_text("".join(f"line {i}\n" for i in range(200_000)))
    assert last_lines(log, 3) == ["line 199997", "line 199998", "line 199999"]
    assert last_lines(tmp_path / "missing.log", 3) == []


def test_infra_is_not_running_for_a_fresh_state_dir(tmp_path: Path) -> None:
    config = StackConfig.from_env({"JENJANG_STATE_DIR": str(tmp_path / "state")})
    assert stack.infra_running(config) is False
    assert not (tmp_path / "state").exists(), "asking must not create anything"
