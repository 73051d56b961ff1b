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
from jenjang_shared.contracts.registry import ALL_EVENTS, SERVICES, topic_of
from jenjang_shared.contracts.schemas import event_schema, partition_key_field
from jenjang_shared.contracts.subscriptions import consumed_by, consumers_of, handler_tables

DEFAULT_OUT = Path(__file__).resolve().parents[4] / "docs" / "events"
REGENERATE = "python -m jenjang_shared.contracts.publish"


# Why each type has its classification (docs/events/README.md). The line the province bus draws:
# facts another agency needs to keep its own records of our people (who moved, was promoted,
# retired or completed a training) may leave; appraisals, coaching, allowance amounts and claims
# may not, and would need a reduced type designed for the bus.
CLASSIFICATION_REASONS: dict[str, str] = {
    "EmployeeRegistered": (
        "name, gender and birth date: personal data the bus does not need (a reduced "
        "`EmployeeAppointed` with NIP, rank and unit code would be the bus's type)"
    ),
    "EmployeeUpdated": "may carry any registration field, names and education included",
    "EmployeeTransferred": (
        "a mutasi is what other agencies must know (codes of unit, location, job family)"
    ),
    "EmployeePromoted": "rank, TMT and SK number are public acts of appointment",
    "PromotionProposalRejected": "its reason may name a disciplinary sanction",
    "EmployeeRetired": "the end of service closes records in other agencies too",
    "TrainingEnrolled": "a place in a course: no appraisal, no personal detail",
    "TrainingCompleted": "completed trainings and their JP count wherever the person works",
    "TrainingRecommended": "a recommendation follows from a weak predikat: it reveals a rating",
    "MentorshipStarted": "a COACHING programme follows from a weak predikat",
    "MentoringSessionRecorded": "part of a coaching or Latsar record kept in the agency",
    "MentorshipCompleted": "its free-text outcome judges the mentee",
    "EvaluationRecorded": "a performance appraisal (SKP): stays with the agency",
    "PromotionRecommended": "its evidence lists every year's predikat",
    "PromotionRecommendationWithdrawn": "its reason names the criteria no longer met",
    "AllowanceEntitlementChanged": (
        "personal financial data (UU 27/2022 art. 4(2)): amounts go only to the consumers that "
        "pay them"
    ),
    "BenefitClaimDecided": (
        "health data (a MEDICAL claim) and amounts: specific personal data under UU 27/2022"
    ),
}


def readme(events: Sequence[type[Event]] = ALL_EVENTS) -> str:
    """The page a consuming agency reads: topics, classifications, schemas, the promise."""
    rows = [
        f"| `{m.ce_type()}` | `{m.topic()}` | `{partition_key_field(m)}` | "
        + ", ".join(
            f"`{name}`" + ("" if info.is_required() else "?")
            for name, info in m.model_fields.items()
        )
        + f" | {', '.join(consumers_of(m))} |"
        for m in events
    ]
    classes = [
        f"| `{m.event_name}` | {m.classification.value} | "
        f"{'yes' if m.classification.leaves_the_agency else 'no'} | "
        f"{CLASSIFICATION_REASONS[m.event_name]} |"
        for m in events
    ]
    topics = [
        f"| `{topic_of(service)}` | {service} | "
        f"{_topic_classification(service, events)} | "
        f"{', '.join(sorted({c for m in events if m.service == service for c in consumers_of(m)}))}"
        " |"
        for service in SERVICES
    ]
    example = events[0]
    return (
        "# Jenjang events\n\n"
        "Generated from the contracts in `shared/src/jenjang_shared/contracts/`; do not edit.\n"
        f"Regenerate with `{REGENERATE}` (`make schemas`). Its `--check` (run by\n"
        "`shared/tests/unit/test_published_docs.py`) fails when these files are stale, or when a\n"
        "committed schema was changed in a way that breaks a consumer.\n\n"
        "This is the page for an agency (or the province bus) that consumes our events.\n\n"
        "- `asyncapi.json`: AsyncAPI 3.0 document of every topic and dead-letter topic, with each\n"
        "  message's classification (`x-classification`), its registry schema and `schemaFormat`.\n"
        "- `schemas/<ce_type>.json`: JSON Schema (draft 2020-12, only standard keywords, so strict\n"
        "  validators such as ajv accept them) of each event's payload. Its `$id` is its URL in\n"
        "  the schema registry.\n\n"
        "## Topics\n\n"
        "One topic per publishing service; a topic is as sensitive as its most sensitive type.\n\n"
        "| topic | owner | classification | consumed by |\n|---|---|---|---|\n"
        + "\n".join(topics)
        + "\n\nEach consuming service has its dead-letter topic `asn.<service>.dlq.v1`.\n\n"
        "## Who sent it, and what it follows\n\n"
        "CloudEvents 1.0 in Kafka binary mode: the value is the JSON payload; the headers are\n"
        "`ce_specversion`, `ce_id` (de-duplicate on it), `ce_source`, `ce_type`, `ce_time`,\n"
        "`ce_subject`, `ce_partitionkey`, `ce_dataschema`, `ce_classification`, `content-type`,\n"
        "and when known `ce_correlationid`, `ce_causationid`, `traceparent`. The key is the NIP in\n"
        "the `key` column below.\n\n"
        "- `source` names the agency and the service: a URI whose last path segment is the\n"
        f"  service, set by `<SVC>_EVENT_SOURCE` (the demo agency: `{example.source()}`).\n"
        "  An event whose type does not belong to its topic's owner, or whose source names\n"
        "  another service, is not that service's event.\n"
        "- `dataschema` is the registry URL of the exact schema version the data follows:\n"
        "  `<registry>/apis/registry/v3/groups/jenjang/artifacts/<ce_type>/versions/<revision>/"
        "content`,\n"
        "  where the revision is a digest of the schema (`<SVC>_SCHEMA_REGISTRY_URL` names the\n"
        "  registry; the schemas' `$id` use the local one). Locally, `jenjang up --registry`\n"
        "  runs Apicurio Registry and `jenjang-events register` fills it: group `jenjang`, one\n"
        "  artifact per type, rule BACKWARD_TRANSITIVE (a new version must accept every event\n"
        "  any earlier one did: topics keep their history). The registry holds each schema as\n"
        "  draft-07 with every object closed (`additionalProperties: false`): its checker knows\n"
        "  drafts 4 to 7 only, and reads an open object as allowing anything under a new name.\n"
        "  `schemas/<ce_type>.json` here is the same schema in draft 2020-12, left open.\n"
        "- `classification` (a CloudEvents extension attribute) says how far the event may go.\n\n"
        "## Classification\n\n"
        "`public`: anyone. `internal`: government-internal; may leave the agency for the\n"
        "province bus. `confidential`: personal data the bus does not need; stays in the agency.\n"
        "`restricted`: specific personal data under UU 27/2022 on personal data protection\n"
        "(health, personal finance); only the consumers that must act on it.\n\n"
        "| event | classification | may leave for the province bus | why |\n|---|---|---|---|\n"
        + "\n".join(classes)
        + "\n\nA topic mixes classifications, so the province bus is fed record by record:\n"
        "every event that may leave carries the plain header `jenjang-province-bus`, and\n"
        "MirrorMaker 2 drops every record without it (Kafka Connect's `Filter` transform with\n"
        "a `HasHeaderKey` predicate). What arrives is under the agency's prefix\n"
        "(`bkd-demo.asn.personnel.v1`), headers unchanged. A type that must not leave is never\n"
        "sent there in part: the bus would need a reduced type designed for it (e.g. an\n"
        "appointment without name and birth date).\n\n"
        "## Codes, not free text\n\n"
        "`unit_code`, `work_location` and `job_family` (and `to_unit_code`, `from_unit_code`)\n"
        "are codes from the published code lists in `jenjang_shared.contracts.codes` (one list\n"
        "each, the same in every service); the names travel beside the codes (`unit_name`).\n"
        "Personnel maps a known name or spelling to its code at registration and import and\n"
        "refuses anything else.\n\n"
        "## The compatibility promise\n\n"
        "A `.v1` type only ever changes compatibly: new optional fields, documentation. Consumers\n"
        "must ignore fields they do not know. A change that would break a consumer (a removed or\n"
        "newly required field, a narrower or wider type) is a new `.v2` type, published beside the\n"
        "`.v1` on the same topic; the producer sends both for at least one year (two annual\n"
        "evaluation cycles of a consumer's projection rebuild), then announces the `.v1`'s end.\n\n"
        "## Topics keep their history\n\n"
        "Event topics keep every event (retention unlimited): a projection is rebuilt by\n"
        "replaying from the start, so a consumer may always start from offset 0. Dead-letter\n"
        "topics keep 30 days. Replication 3 with at least 2 in sync wherever the cluster has the\n"
        "brokers (`deploy/local/src/jenjang_local/topics.py` declares every topic).\n\n"
        "## Credentials\n\n"
        "Every client has a principal of its own (SASL/SCRAM-SHA-512); the broker's standard\n"
        "authorizer allows a service to write only under `asn.<service>.`, to read only the\n"
        "topics its handler table consumes, and to use only consumer groups named after it.\n"
        "Ask the agency's BKD for a principal: it gets read on the topics granted to you and\n"
        "groups under your own prefix, nothing else. Locally, `JENJANG_KAFKA_SASL=1` starts the\n"
        "broker this way (`deploy/local/src/jenjang_local/kafka_access.py`).\n\n"
        "## Every event type\n\n"
        "A field marked `?` is optional.\n\n"
        "| event | topic | key | fields | consumed by |\n|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


def _topic_classification(service: str, events: Sequence[type[Event]]) -> str:
    own = [m.classification for m in events if m.service == service]
    return max(own, key=lambda c: c.rank).value if own else "-"


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
