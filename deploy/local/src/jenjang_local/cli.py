"""`jenjang`: run Jenjang's PostgreSQL, Kafka, Keycloak and five services on this machine.

jenjang up [--infra-only] [--no-keycloak] [--registry] [--timeout S]   start what is not running
jenjang status                            table of components, pids and addresses
jenjang logs [COMPONENT] [-n N] [-f]      show (and follow) logs
jenjang down [--purge] [--services-only]  stop everything (--purge: delete data too)
jenjang reset                             same as `down --purge`
jenjang token --role ROLE [--unit U]... [--nip NIP]   print an access token of the local realm
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from jenjang_local import services, stack
from jenjang_local.config import SERVICES, StackConfig
from jenjang_local.demo.run import run_demo
from jenjang_local.errors import StackError
from jenjang_local.keycloak import TokenRequest, TokenRequestError, token_for
from jenjang_local.keycloak_realm import ROLES
from jenjang_local.logs import COMPONENTS, show_logs
from jenjang_local.output import format_table, say

_ENV_HELP = """\
environment (defaults in brackets):
  JENJANG_STATE_DIR [<project>/.jenjang]   data, logs, pid files, Kafka jars
  JENJANG_PG_PORT [55432]   JENJANG_KAFKA_PORT [59092]   JENJANG_KAFKA_CONTROLLER_PORT [59093]
  JENJANG_KAFKA_PARTITIONS [6]   JENJANG_KAFKA_VERSION [4.1.1]   JENJANG_LOG4J_VERSION [2.24.3]
  JENJANG_KAFKA_SASL [0]   1: SASL/SCRAM-SHA-512, ACLs, one principal per service (fresh data)
  JENJANG_PERSONNEL_PORT [8001]  JENJANG_TRAINING_PORT [8002]  JENJANG_MENTORING_PORT [8003]
  JENJANG_EVALUATION_PORT [8004] JENJANG_WELFARE_PORT [8005]
  JENJANG_SERVICE_READY_TIMEOUT [120]   JENJANG_KAFKA_READY_TIMEOUT [90]
  JENJANG_KEYCLOAK_PORT [58080]   JENJANG_KEYCLOAK_READY_TIMEOUT [180]
  JENJANG_KEYCLOAK_VERSION [26.5.6]   JENJANG_KEYCLOAK_JAVA_HOME [a JDK 21+ under /usr/lib/jvm]
  JENJANG_KEYCLOAK_DIST [<state dir>/keycloak-dist-<version>]   unpacked Keycloak, shareable
  JENJANG_REGISTRY [0]   1: `up` also starts the schema registry and registers the schemas
  JENJANG_REGISTRY_PORT [58081]   JENJANG_REGISTRY_MANAGEMENT_PORT [58082]
  JENJANG_REGISTRY_VERSION [3.3.3]   JENJANG_REGISTRY_READY_TIMEOUT [90]
  JENJANG_REGISTRY_DIST [<state dir>/registry-dist-<version>]   unpacked Apicurio, shareable

tokens (local stack only; stdout is the access token alone):
  jenjang token --role admin
  jenjang token --role hr --unit BKD [--unit DINKES ...]
  jenjang token --role supervisor --nip NIP   |   jenjang token --role employee --nip NIP
  jenjang token --role service                (client credentials of jenjang-internal)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jenjang",
        description=(
            "Run Jenjang locally: real PostgreSQL 15, Kafka 4.x (KRaft), Keycloak 26 and the "
            "services."
        ),
        epilog=_ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    up = commands.add_parser("up", help="start what is not running yet and wait until ready")
    up.add_argument(
        "--infra-only",
        action="store_true",
        help="only PostgreSQL, Kafka, Keycloak, databases and topics",
    )
    up.add_argument(
        "--no-keycloak",
        action="store_true",
        help="do not start Keycloak (it needs Java 21+; the first start takes a minute or two)",
    )
    up.add_argument(
        "--registry",
        action="store_true",
        default=os.environ.get("JENJANG_REGISTRY", "").strip().lower() in ("1", "true", "yes"),
        help=(
            "also start the schema registry and register the event schemas (JENJANG_REGISTRY=1); "
            "off by default: it keeps a loaded 2-core machine's warm start under 60 s"
        ),
    )
    up.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="seconds to wait for the services' /health/ready (default 120)",
    )

    commands.add_parser(
        "demo", help="seed a small demo agency through the APIs and print what the events did"
    )

    down = commands.add_parser("down", help="stop services, Keycloak, Kafka and PostgreSQL")
    down.add_argument(
        "--purge",
        action="store_true",
        help="also delete data and logs (keeps the Kafka jars and the Keycloak distribution)",
    )
    down.add_argument("--services-only", action="store_true", help="stop only the services")

    commands.add_parser("reset", help="same as `down --purge`")
    commands.add_parser("status", help="show what runs, with pids and addresses")

    logs = commands.add_parser("logs", help="show a component's log")
    logs.add_argument("component", nargs="?", choices=COMPONENTS, help="default: all")
    logs.add_argument("-n", "--lines", type=int, default=50, help="lines to show (default 50)")
    logs.add_argument("-f", "--follow", action="store_true", help="keep printing new lines")

    token = commands.add_parser(
        "token",
        help="print an access token of the local Keycloak for a role (nothing else on stdout)",
        description=(
            "Print one access token of the local realm `jenjang` on stdout. A person's token is "
            "a password grant for a demo user named after the role and its scope (admin, "
            "hr-<units>, supervisor-<nip>, employee-<nip>), created in the realm the first time; "
            "--role service uses the client credentials of jenjang-internal."
        ),
    )
    token.add_argument("--role", required=True, choices=ROLES, help="whose token")
    token.add_argument(
        "--unit",
        action="append",
        dest="units",
        default=[],
        metavar="UNIT_CODE",
        help="with --role hr (required there): a unit of the HR officer; repeat for more",
    )
    token.add_argument(
        "--nip",
        metavar="NIP",
        help="with --role supervisor or employee (required there): the person's 18-digit NIP",
    )
    return parser


def print_status(rows: Sequence[stack.ComponentStatus]) -> None:
    table = [
        [row.name, row.state, str(row.pid or "-"), row.address, row.docs or ""] for row in rows
    ]
    print(format_table(["component", "state", "pid", "address", "docs"], table), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "token":
        try:
            request = TokenRequest.parse(args.role, args.units, args.nip)
        except TokenRequestError as error:
            print(f"jenjang token: {error}", file=sys.stderr)
            return 2
    try:
        config = StackConfig.from_env()
        if args.command == "token":
            token = token_for(config, role=request.role, units=request.units, nip=request.nip)
            print(token, flush=True)
        elif args.command == "up":
            started = time.monotonic()
            rows = stack.up(
                config,
                infra_only=args.infra_only,
                timeout=args.timeout,
                keycloak=not args.no_keycloak,
                schema_registry=args.registry,
            )
            say(f"Up in {time.monotonic() - started:.1f} s.")
            if args.infra_only:
                rows = [r for r in rows if r.name not in SERVICES]
            print_status(rows)
            if not args.no_keycloak and not args.infra_only:
                say(
                    'Call an API with a token: curl -H "Authorization: Bearer $(.venv/bin/jenjang '
                    f'token --role admin)" {services.base_url(config, "personnel")}/v1/employees'
                )
        elif args.command == "demo":
            run_demo(config)
        elif args.command == "down" and args.services_only:
            stack.stop_services(config)
        elif args.command in ("down", "reset"):
            started = time.monotonic()
            stack.down(config, purge=args.command == "reset" or args.purge)
            say(f"Down in {time.monotonic() - started:.1f} s.")
        elif args.command == "status":
            print_status(stack.status(config))
        elif args.command == "logs":
            show_logs(config, args.component, args.lines, args.follow)
    except StackError as error:
        print(f"jenjang {args.command}: {error.render()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"jenjang {args.command}: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `jenjang logs | head` closed the pipe: not an error. Silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
