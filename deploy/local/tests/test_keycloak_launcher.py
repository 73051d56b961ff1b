"""`jenjang token`'s arguments, Keycloak's settings, Java lookup and command line, without a server."""

import socket
from pathlib import Path

import pytest

from jenjang_local.cli import build_parser, main
from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError
from jenjang_local.keycloak import TokenRequest, TokenRequestError, decode_claims
from jenjang_local.keycloak_dist import dist_is_complete
from jenjang_local.keycloak_server import command_line, issuer, java_environment, service_auth_env
from jenjang_local.prereqs import require_keycloak_java

NIP = "198507152010011001"


# --- what a token is for -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "units", "nip", "username", "attributes"),
    [
        ("admin", [], None, "admin", {}),
        ("hr", ["BKD"], None, "hr-bkd", {"units": ["BKD"]}),
        ("hr", ["DINKES", "BKD", "BKD"], None, "hr-bkd-dinkes", {"units": ["BKD", "DINKES"]}),
        ("supervisor", [], NIP, f"supervisor-{NIP}", {"nip": [NIP]}),
        ("employee", [], NIP, f"employee-{NIP}", {"nip": [NIP]}),
        ("service", [], None, "service", {}),
    ],
)
def test_each_accepted_form_names_its_demo_user(
    role: str, units: list[str], nip: str | None, username: str, attributes: dict[str, list[str]]
) -> None:
    request = TokenRequest.parse(role, units, nip)
    assert request.username == username
    assert request.attributes == attributes


@pytest.mark.parametrize(
    ("role", "units", "nip", "says"),
    [
        ("hr", [], None, "--role hr needs at least one --unit"),
        ("hr", ["BKD;DROP"], None, "not a unit code"),
        ("hr", ["BKD"], NIP, "--nip is for --role supervisor or employee only"),
        ("supervisor", [], None, "--role supervisor needs --nip"),
        ("employee", [], None, "--role employee needs --nip"),
        ("supervisor", [], "12345", "exactly 18 digits"),
        ("employee", [], "19850715201001100X", "exactly 18 digits"),
        ("employee", [], "1985071520100110011", "exactly 18 digits"),
        ("supervisor", ["BKD"], NIP, "--unit is for --role hr only"),
        ("admin", ["BKD"], None, "--unit is for --role hr only"),
        ("admin", [], NIP, "--nip is for --role supervisor or employee only"),
        ("service", [], NIP, "--nip is for"),
        ("root", [], None, "unknown role"),
    ],
)
def test_forms_that_do_not_fit_are_refused_saying_what_to_pass(
    role: str, units: list[str], nip: str | None, says: str
) -> None:
    with pytest.raises(TokenRequestError, match=says):
        TokenRequest.parse(role, units, nip)


def test_a_token_matches_a_request_only_with_the_same_role_units_and_nip() -> None:
    hr = TokenRequest.parse("hr", ["BKD", "DINKES"])
    assert hr.matches({"roles": ["hr"], "units": ["DINKES", "BKD"]})
    assert not hr.matches({"roles": ["hr"], "units": ["BKD"]})
    assert not hr.matches({"roles": ["hr", "admin"], "units": ["BKD", "DINKES"]})
    employee = TokenRequest.parse("employee", nip=NIP)
    assert employee.matches({"roles": ["employee"], "nip": NIP})
    assert not employee.matches({"roles": ["employee"], "nip": "1" * 18})


def test_decode_claims_reads_a_jwt_payload() -> None:
    # header {"alg":"none"} . payload {"iss":"x","aud":["a","b"]} . (no signature)
    token = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4IiwiYXVkIjpbImEiLCJiIl19."
    assert decode_claims(token) == {"iss": "x", "aud": ["a", "b"]}
    with pytest.raises(StackError):
        decode_claims("not-a-jwt")


# --- the CLI ---------------------------------------------------------------------------------------


def test_parser_accepts_the_documented_token_forms() -> None:
    parser = build_parser()
    args = parser.parse_args(["token", "--role", "hr", "--unit", "BKD", "--unit", "DINKES"])
    assert (args.role, args.units, args.nip) == ("hr", ["BKD", "DINKES"], None)
    args = parser.parse_args(["token", "--role", "employee", "--nip", NIP])
    assert (args.role, args.units, args.nip) == ("employee", [], NIP)
    assert parser.parse_args(["up", "--no-keycloak"]).no_keycloak
    assert parser.parse_args(["logs", "keycloak"]).component == "keycloak"
    with pytest.raises(SystemExit):
        parser.parse_args(["token"])  # --role is required
    with pytest.raises(SystemExit):
        parser.parse_args(["token", "--role", "superuser"])


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["token", "--role", "hr"], "--role hr needs at least one --unit UNIT_CODE"),
        (["token", "--role", "supervisor"], "--role supervisor needs --nip NIP"),
        (["token", "--role", "supervisor", "--nip", "1985"], "exactly 18 digits"),
        (["token", "--role", "employee", "--nip", "abc"], "exactly 18 digits"),
    ],
)
def test_token_with_a_wrong_form_exits_2_with_the_reason_on_stderr_only(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert says in captured.err
    assert captured.err.startswith("jenjang token: ")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_token_without_a_running_keycloak_says_to_start_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JENJANG_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("JENJANG_KEYCLOAK_PORT", str(_free_port()))
    assert main(["token", "--role", "admin"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Keycloak is not running" in captured.err
    assert "jenjang up" in captured.err


def test_help_lists_the_keycloak_variables_and_token_forms(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for needle in (
        "JENJANG_KEYCLOAK_PORT [58080]",
        "JENJANG_KEYCLOAK_READY_TIMEOUT [180]",
        "JENJANG_KEYCLOAK_JAVA_HOME",
        "JENJANG_KEYCLOAK_DIST",
        "jenjang token --role hr --unit BKD",
        "jenjang token --role service",
    ):
        assert needle in out


# --- settings, Java, command line -------------------------------------------------------------------


def test_keycloak_settings_default_and_override(tmp_path: Path) -> None:
    default = StackConfig.from_env({"JENJANG_STATE_DIR": str(tmp_path)})
    assert default.keycloak_port == 58080
    assert default.keycloak_ready_timeout == 180
    assert default.keycloak_java_home is None
    assert default.keycloak_dist_dir == tmp_path / f"keycloak-dist-{default.keycloak_version}"
    assert default.keycloak_version.startswith("26.5.")
    assert issuer(default) == "http://127.0.0.1:58080/realms/jenjang"

    custom = StackConfig.from_env(
        {
            "JENJANG_STATE_DIR": str(tmp_path),
            "JENJANG_KEYCLOAK_PORT": "18080",
            "JENJANG_KEYCLOAK_READY_TIMEOUT": "300",
            "JENJANG_KEYCLOAK_JAVA_HOME": str(tmp_path / "jdk"),
            "JENJANG_KEYCLOAK_DIST": str(tmp_path / "shared-dist"),
        }
    )
    assert custom.keycloak_url == "http://127.0.0.1:18080"
    assert custom.keycloak_ready_timeout == 300
    assert custom.keycloak_java_home == tmp_path / "jdk"
    assert custom.keycloak_dist_dir == tmp_path / "shared-dist"


def test_keycloak_port_must_differ_from_the_others() -> None:
    with pytest.raises(StackError, match="JENJANG_KEYCLOAK_PORT"):
        StackConfig.from_env({"JENJANG_KEYCLOAK_PORT": "59092"})


def _fake_jdk(root: Path, version: str) -> Path:
    (root / "bin").mkdir(parents=True)
    java = root / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2025-01-01' >&2\n")
    java.chmod(0o755)
    return root


def test_java_home_override_must_be_21_or_newer(tmp_path: Path) -> None:
    old = _fake_jdk(tmp_path / "jdk17", "17.0.15")
    with pytest.raises(StackError) as caught:
        require_keycloak_java(old)
    assert "Java 17" in str(caught.value)
    assert "needs Java 21 or newer" in str(caught.value)
    new = _fake_jdk(tmp_path / "jdk25", "25.0.3")
    assert require_keycloak_java(new) == (str(new / "bin" / "java"), 25)
    with pytest.raises(StackError, match="no working bin/java"):
        require_keycloak_java(tmp_path / "nothing")


def test_without_any_java_21_the_error_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jenjang_local.prereqs as prereqs

    monkeypatch.setattr(prereqs, "KEYCLOAK_JAVA_PREFERRED", tmp_path / "absent")
    monkeypatch.setattr(
        prereqs, "JVM_ROOT", _fake_jdk(tmp_path / "jvm" / "java-17", "17.0.2").parent
    )
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(StackError) as caught:
        require_keycloak_java(None)
    message = str(caught.value)
    assert "No Java 21 or newer found" in message
    assert "java-17/bin/java (Java 17)" in message
    assert "JENJANG_KEYCLOAK_JAVA_HOME" in message
    assert "--no-keycloak" in message


def test_command_line_binds_loopback_with_a_fixed_issuer_and_imports_the_realm(
    tmp_path: Path,
) -> None:
    config = StackConfig.from_env(
        {"JENJANG_STATE_DIR": str(tmp_path), "JENJANG_KEYCLOAK_PORT": "18080"}
    )
    argv = command_line(config, tmp_path / "dist")
    assert argv[:4] == [
        "/bin/sh",
        str(tmp_path / "dist" / "bin" / "kc.sh"),
        "start",
        f"-Dkc.home.dir={tmp_path / 'keycloak'}",
    ]
    for option in (
        "--optimized",
        "--http-host=127.0.0.1",
        "--http-port=18080",
        "--hostname=http://127.0.0.1:18080",
        "--cache=local",
        "--import-realm",
    ):
        assert option in argv
    assert not any("password" in part for part in argv), "secrets go through the environment"


def test_java_environment_sets_a_small_heap_and_the_bootstrap_admin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JAVA_OPTS", "-Xmx8g")  # would replace kc.sh's options wholesale
    env = java_environment("/opt/jdk/bin/java", 25, "pw")
    assert "JAVA_OPTS" not in env
    assert env["JAVA_HOME"] == "/opt/jdk"
    assert env["JAVA_OPTS_KC_HEAP"] == "-Xms64m -Xmx384m"
    assert "--sun-misc-unsafe-memory-access=allow" in env["JAVA_OPTS_APPEND"]
    assert (
        "--sun-misc-unsafe-memory-access"
        not in java_environment("/j/bin/java", 21, "pw")["JAVA_OPTS_APPEND"]
    ), "Java 21 does not know that option"
    assert (env["KC_BOOTSTRAP_ADMIN_USERNAME"], env["KC_BOOTSTRAP_ADMIN_PASSWORD"]) == (
        "admin",
        "pw",
    )


def test_services_get_the_issuer_and_their_own_audience(tmp_path: Path) -> None:
    env = service_auth_env(StackConfig.from_env({"JENJANG_STATE_DIR": str(tmp_path)}))
    assert env["PERSONNEL_AUTH_ISSUER"] == "http://127.0.0.1:58080/realms/jenjang"
    assert env["WELFARE_AUTH_AUDIENCE"] == "welfare"
    assert len(env) == 10


def test_dist_counts_only_after_a_finished_unpack(tmp_path: Path) -> None:
    assert not dist_is_complete(tmp_path)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "kc.sh").write_text("#!/bin/sh\n")
    assert not dist_is_complete(tmp_path), "no marker: the unpack may have been interrupted"
    (tmp_path / ".jenjang-complete").write_text("keycloak-quarkus-dist-26.5.6.zip\n")
    assert dist_is_complete(tmp_path)


def test_unpack_strips_the_top_folder_keeps_exec_bits_and_refuses_escapes(tmp_path: Path) -> None:
    import zipfile

    from jenjang_local.keycloak_dist import unpack

    archive = tmp_path / "kc.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        script = zipfile.ZipInfo("keycloak-26.5.6/bin/kc.sh")
        script.external_attr = 0o755 << 16
        zipped.writestr(script, "#!/bin/sh\n")
        zipped.writestr("keycloak-26.5.6/lib/quarkus-run.jar", b"jar")
        zipped.writestr("keycloak-26.5.6/../../escape.txt", b"no")
    dist = tmp_path / "dist"
    unpack(archive, dist)
    assert dist_is_complete(dist)
    assert (dist / "bin" / "kc.sh").stat().st_mode & 0o111
    assert (dist / "lib" / "quarkus-run.jar").read_bytes() == b"jar"
    assert not (tmp_path.parent / "escape.txt").exists()
    assert not (dist.with_name("dist.partial")).exists()


def test_a_changed_realm_document_resets_keycloaks_database(tmp_path: Path) -> None:
    from jenjang_local import keycloak_server

    config = StackConfig.from_env({"JENJANG_STATE_DIR": str(tmp_path)})
    dist = tmp_path / "dist"
    (dist / "lib").mkdir(parents=True)
    found, first = keycloak_server._prepare_home(config, dist)
    assert (tmp_path / "keycloak" / "lib").resolve() == dist / "lib"
    assert keycloak_server.realm_file(config).stat().st_mode & 0o777 == 0o600
    assert keycloak_server.secrets_file(config).stat().st_mode & 0o777 == 0o600
    database = keycloak_server.database_dir(config)
    database.mkdir(parents=True)
    (tmp_path / "keycloak" / "realm.sha256").write_text(first + "\n")  # as after a good start

    again, same = keycloak_server._prepare_home(config, dist)
    assert (again, same) == (found, first)
    assert database.exists(), "same realm, same secrets: the database stays"

    (tmp_path / "keycloak" / "realm.sha256").write_text("an older realm\n")
    keycloak_server._prepare_home(config, dist)
    assert not database.exists()
