"""The published event documentation, generated from the contracts (docs/architecture.md, "Events").

`python -m jenjang_shared.contracts.publish` writes `docs/events/`: one JSON Schema per event type
(`schemas/<ce_type>.json`), an AsyncAPI 3.0 document of every topic (`asyncapi.json`), a
`README.md` table and `docs/events/consumers.md` (who consumes what, from the services' handler tables). `--check` writes nothing and fails when those files are stale, or when a
committed `.v1` schema was changed in a way that breaks a consumer (see `compat.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jenjang_shared.contracts.asyncapi import asyncapi_document
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.registry import ALL_EVENTS
from jenjang_shared.contracts.schemas import event_schema, partition_key_field
from jenjang_shared.contracts.subscriptions import consumed_by, consumers_of, handler_tables

DEFAULT_OUT = Path(__file__).resolve().parents[4] / "docs" / "events"
REGENERATE = "python -m jenjang_shared.contracts.publish"


def readme(events: Sequence[type[Event]] = ALL_EVENTS) -> str:
    """A short Markdown index: event, topic, key, fields (`?` marks an optional one)."""
    rows = [
        f"| `{m.ce_type()}` | `{m.topic()}` | `{partition_key_field(m)}` | "
        + ", ".join(
            f"`{name}`" + ("" if info.is_required() else "?")
            for name, info in m.model_fields.items()
        )
        + f" | {', '.join(consumers_of(m))} |"
        for m in events
    ]
    return (
        "# Jenjang events\n\n"
        "Generated from the contracts in `shared/src/jenjang_shared/contracts/`; do not edit.\n"
        f"Regenerate with `{REGENERATE}`. Its `--check` (run by\n"
        "`shared/tests/unit/test_published_docs.py`) fails when these files are stale, or when a\n"
        "committed schema was changed in a way that breaks a consumer: such a change is a new\n"
        "`.v2` event type, never an edit of a `.v1`.\n\n"
        "- `asyncapi.json`: AsyncAPI 3.0 document of every topic and dead-letter topic.\n"
        "- `schemas/<ce_type>.json`: JSON Schema (draft 2020-12) of each event's payload.\n\n"
        "CloudEvents 1.0 in Kafka binary mode: the value is the JSON payload; the headers are\n"
        "`ce_specversion`, `ce_id`, `ce_source`, `ce_type`, `ce_time`, `ce_subject`,\n"
        "`ce_partitionkey`, `content-type`, and when known `ce_correlationid`, `ce_causationid`,\n"
        "`traceparent`. The key is the NIP in the `key` column. A field marked `?` is optional.\n\n"
        "| event | topic | key | fields | consumed by |\n|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


def consumers_page() -> str:
    """Per service: each event type it consumes and the handler that applies it."""
    sections = []
    for service, table in handler_tables().items():
        rows = "\n".join(
            f"| `{model.ce_type()}` | `{_name(table[model])}` |" for model in consumed_by(service)
        )
        sections.append(
            f"## {service}\n\nTable: `{service}.entrypoints.events.HANDLERS`\n\n"
            "| consumes | handler |\n|---|---|\n" + rows + "\n"
        )
    return (
        "# Who consumes what\n\n"
        "Generated from each service's handler table (the one source; read through the\n"
        "`jenjang.handlers` entry points); do not edit. Regenerate with\n"
        f"`{REGENERATE}`.\n\n" + "\n".join(sections)
    )


def _name(handler: Any) -> str:
    module = getattr(handler, "__module__", "")
    return f"{module}.{getattr(handler, '__qualname__', handler)}".lstrip(".")


def render(document: dict[str, Any]) -> str:
    """Deterministic JSON: sorted keys, two-space indent, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generate(events: Sequence[type[Event]] = ALL_EVENTS) -> dict[str, str]:
    """Every published file, by its path relative to `docs/events/`."""
    files = {f"schemas/{m.ce_type()}.json": render(event_schema(m)) for m in events}
    files["asyncapi.json"] = render(asyncapi_document(events))
    files["README.md"] = readme(events)
    files["consumers.md"] = consumers_page()
    return files


@dataclass
class CheckReport:
    """What `--check` found: files to regenerate, and schema changes that break consumers."""

    stale: list[str] = field(default_factory=list)
    incompatible: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.stale and not self.incompatible

    def render(self) -> str:
        lines = [f"stale: {item}" for item in self.stale]
        if self.stale:
            lines.append(f"regenerate them with `{REGENERATE}`")
        lines += [f"incompatible: {item}" for item in self.incompatible]
        return "\n".join(lines)


def incompatibilities(baseline: Path, files: dict[str, str]) -> list[str]:
    """Consumer-breaking differences between the committed schemas and the generated ones."""
    from jenjang_shared.contracts.compat import check_compatibility  # jsoncompat: a dev tool

    problems = []
    for path in sorted((baseline / "schemas").glob("*.json")):
        ce_type = path.name.removesuffix(".json")
        stem, _, version = ce_type.rpartition(".v")
        fix = f"make a {stem}.v{int(version) + 1 if version.isdigit() else 2} type instead"
        fresh = files.get(f"schemas/{path.name}")
        if fresh is None:
            problems.append(f"{ce_type}: no longer generated; consumers rely on it ({fix})")
            continue
        old, new = json.loads(path.read_text(encoding="utf-8")), json.loads(fresh)
        problems += [f"{ce_type}: {p} ({fix})" for p in check_compatibility(old, new)]
    return problems


def check(out_dir: Path = DEFAULT_OUT, baseline: Path | None = None) -> CheckReport:
    """Compare the files in `out_dir` with freshly generated ones; `baseline` defaults to it."""
    files = generate()
    report = CheckReport(incompatible=incompatibilities(baseline or out_dir, files))
    for relative, content in sorted(files.items()):
        path = out_dir / relative
        if not path.exists():
            report.stale.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != content:
            report.stale.append(f"{path} is out of date")
    return report


def write(out_dir: Path, files: dict[str, str]) -> None:
    """Write the generated files, and remove schemas that are no longer generated."""
    for relative, content in files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    for path in (out_dir / "schemas").glob("*.json"):
        if f"schemas/{path.name}" not in files:
            path.unlink()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=REGENERATE, description="Write docs/events/.")
    parser.add_argument("--check", action="store_true", help="write nothing; fail when stale")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: %(default)s")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="the schemas consumers rely on (default: --out); CI may pass a main-branch checkout",
    )
    parser.add_argument(
        "--force", action="store_true", help="write even a consumer-breaking change"
    )
    args = parser.parse_args(argv)
    if args.check:
        report = check(args.out, args.baseline)
        (sys.stdout if report.ok else sys.stderr).write((report.render() or "up to date") + "\n")
        return 0 if report.ok else 1
    files = generate()
    problems = incompatibilities(args.baseline or args.out, files)
    if problems and not args.force:
        sys.stderr.write("".join(f"incompatible: {p}\n" for p in problems))
        sys.stderr.write("nothing written (--force writes anyway)\n")
        return 1
    write(args.out, files)
    sys.stdout.write(f"wrote {len(files)} files to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
