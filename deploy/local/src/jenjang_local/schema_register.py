"""`jenjang-events register`: put every published event schema and the AsyncAPI document into the
schema registry, as versioned artifacts under a compatibility rule.

What is registered is what `docs/events/` publishes (generated from the contracts and checked
against them by `shared/tests/unit/test_published_docs.py`), so this needs no contract code:

- each `schemas/<ce_type>.json` becomes artifact `<ce_type>` (type JSON) in group `jenjang`, with
  the version named by the schema's `$id`, a digest of the schema
  (`jenjang_shared.contracts.provenance.schema_revision`). An event's `dataschema`,
  `<registry>/apis/registry/v3/groups/jenjang/artifacts/<ce_type>/versions/<digest>/content`,
  therefore answers with the schema of exactly that event's contract;
- `asyncapi.json` becomes artifact `asyncapi` (type ASYNCAPI), versioned by its own digest.

The registry holds a rendering of each schema, not the file byte for byte, for two reasons found
by trying (Apicurio Registry 3.3.3):

1. Its JSON Schema rules load schemas with the everit library, which knows drafts 4 to 7 only:
   a schema declaring draft 2020-12 fails every compatibility check with a 500 "could not
   determine version". The rendering declares draft-07. Our schemas use only keywords that mean
   the same in both drafts (type, properties, required, enum, pattern, format, min/max, anyOf,
   items, additionalProperties, `$ref` into `$defs` by JSON pointer, annotations).
2. Every object is closed (`additionalProperties: false` where the schema leaves it open). An
   open object's "any other property" reads, to Apicurio's checker, as "any value is allowed
   under a name not listed", so adding an optional field would be refused as a narrowing under
   either rule. A closed schema says what a producer of that version sends, which is all it
   ever sends (the events are model dumps), and a consumer validates an event against the exact
   version its `dataschema` names, never an older one. This is the same reasoning as
   `jenjang_shared.contracts.compat`'s check of the new contract against the old, closed one.

The rule is BACKWARD_TRANSITIVE: every new version must accept everything any earlier version
accepted. With closed objects that refuses exactly the changes our compatibility promise calls
breaking for a reader of the history (a new required field, a removed field, a narrower type or
pattern) and allows a new optional field and documentation. Transitive, because event topics keep
their whole history: a projection rebuilt from offset 0 reads events of every version, not just
the last. FULL_TRANSITIVE would also check the other direction (an old consumer reading new
events), but on closed objects that refuses every new optional field too, so a `.v1` could never
grow; that direction stays with the jsoncompat check in CI (`publish --check`), which knows that
consumers ignore fields they do not know.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from jenjang_local.config import StackConfig
from jenjang_local.errors import StackError

GROUP = "jenjang"
ASYNCAPI_ARTIFACT = "asyncapi"
COMPATIBILITY = "BACKWARD_TRANSITIVE"
# FULL: the content must be a schema everit can load (a syntax check alone would let through a
# `$ref` to nowhere).
VALIDITY = "FULL"
REGISTRY_DIALECT = "http://json-schema.org/draft-07/schema#"
_VALUE_KEYWORDS = ("examples", "default", "const", "enum")  # data, not schemas


def registry_rendering(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as the registry holds it: draft-07, every object closed (module docstring)."""
    rendered = copy.deepcopy(schema)
    _close_objects(rendered)
    rendered["$schema"] = REGISTRY_DIALECT
    return rendered


def _close_objects(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _close_objects(item)
        return
    if not isinstance(node, dict):
        return
    if (node.get("type") == "object" or "properties" in node) and (
        "additionalProperties" not in node
    ):
        node["additionalProperties"] = False
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for sub in value.values():
                _close_objects(sub)
        elif key not in _VALUE_KEYWORDS:
            _close_objects(value)


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def revision_in_id(schema: dict[str, Any], ce_type: str) -> str:
    """The version a published schema's `$id` names (`…/artifacts/<type>/versions/<v>/content`)."""
    schema_id = str(schema.get("$id", ""))
    marker = f"/artifacts/{ce_type}/versions/"
    if marker not in schema_id or not schema_id.endswith("/content"):
        raise StackError(
            f"The schema of {ce_type} has $id {schema_id!r}, not a registry URL of that type.",
            "Regenerate docs/events with `make schemas`.",
        )
    return schema_id.split(marker, 1)[1].removesuffix("/content")


def document_revision(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Artifact:
    artifact_id: str
    artifact_type: str  # JSON or ASYNCAPI
    version: str
    content: str


@dataclass
class RegisterReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def published_artifacts(docs_dir: Path) -> list[Artifact]:
    """Every schema under `docs_dir/schemas/`, then the AsyncAPI document, as registry artifacts."""
    artifacts = []
    for path in sorted((docs_dir / "schemas").glob("*.json")):
        ce_type = path.name.removesuffix(".json")
        schema = json.loads(path.read_text(encoding="utf-8"))
        artifacts.append(
            Artifact(
                ce_type, "JSON", revision_in_id(schema, ce_type), render(registry_rendering(schema))
            )
        )
    if not artifacts:
        raise StackError(f"No schemas under {docs_dir / 'schemas'}.", "Run `make schemas`.")
    asyncapi = json.loads((docs_dir / "asyncapi.json").read_text(encoding="utf-8"))
    artifacts.append(
        Artifact(ASYNCAPI_ARTIFACT, "ASYNCAPI", document_revision(asyncapi), render(asyncapi))
    )
    return artifacts


class RegistryClient:
    """The few calls of Apicurio Registry's v3 REST API that registering needs."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.api = f"{base_url.rstrip('/')}/apis/registry/v3"
        self.http = httpx.Client(base_url=self.api, timeout=timeout, trust_env=False)

    def close(self) -> None:
        self.http.close()

    def ensure_group_rules(self, group: str = GROUP) -> None:
        response = self.http.post("/groups", json={"groupId": group})
        if response.status_code not in (200, 409):
            _fail(response, f"create group {group}")
        for rule, config in (("COMPATIBILITY", COMPATIBILITY), ("VALIDITY", VALIDITY)):
            found = self.http.get(f"/groups/{group}/rules/{rule}")
            if found.status_code == 404:
                created = self.http.post(
                    f"/groups/{group}/rules", json={"ruleType": rule, "config": config}
                )
                if created.status_code not in (200, 204):
                    _fail(created, f"add the {rule} rule to group {group}")
            elif found.status_code == 200 and found.json().get("config") != config:
                updated = self.http.put(
                    f"/groups/{group}/rules/{rule}", json={"ruleType": rule, "config": config}
                )
                if updated.status_code not in (200, 204):
                    _fail(updated, f"set the {rule} rule of group {group}")
            elif found.status_code != 200:
                _fail(found, f"read the {rule} rule of group {group}")

    def version_content(self, artifact_id: str, version: str, group: str = GROUP) -> str | None:
        response = self.http.get(
            f"/groups/{group}/artifacts/{artifact_id}/versions/{version}/content"
        )
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            _fail(response, f"read {artifact_id} version {version}")
        return response.text

    def add(self, artifact: Artifact, group: str = GROUP) -> str | None:
        """Add a version (creating the artifact if new); the refusal's causes, or None."""
        version = {
            "version": artifact.version,
            "content": {"content": artifact.content, "contentType": "application/json"},
        }
        exists = self.http.get(f"/groups/{group}/artifacts/{artifact.artifact_id}")
        if exists.status_code == 200:
            response = self.http.post(
                f"/groups/{group}/artifacts/{artifact.artifact_id}/versions", json=version
            )
        else:
            response = self.http.post(
                f"/groups/{group}/artifacts",
                json={
                    "artifactId": artifact.artifact_id,
                    "artifactType": artifact.artifact_type,
                    "firstVersion": version,
                },
            )
        if response.status_code == 200:
            return None
        if response.status_code in (400, 409) and "causes" in response.text:
            causes = response.json().get("causes") or []
            return "; ".join(f"{c.get('description')} at {c.get('context')}" for c in causes)
        _fail(response, f"register {artifact.artifact_id} version {artifact.version}")
        return None  # unreachable: _fail raises


def _fail(response: httpx.Response, what: str) -> None:
    raise StackError(
        f"The schema registry refused to {what}: HTTP {response.status_code}.",
        "Read the registry's log (`jenjang logs registry`).",
        details=response.text[:2000],
    )


def register(base_url: str, artifacts: Sequence[Artifact]) -> RegisterReport:
    """Register every artifact not there yet; idempotent (a version already there is checked)."""
    client = RegistryClient(base_url)
    report = RegisterReport()
    try:
        try:
            client.ensure_group_rules()
        except httpx.HTTPError as error:
            raise StackError(
                f"No schema registry answers at {base_url} ({error}).",
                "Start it with `jenjang up` (or point --url at one).",
            ) from None
        for artifact in artifacts:
            name = f"{artifact.artifact_id}@{artifact.version}"
            current = client.version_content(artifact.artifact_id, artifact.version)
            if current is not None:
                # The version is a digest of the content, so a differing text means the
                # rendering itself changed: say so rather than serve two contents under one name.
                if json.loads(current) != json.loads(artifact.content):
                    report.refused.append(f"{name}: registered earlier with other content")
                else:
                    report.unchanged.append(name)
                continue
            refusal = client.add(artifact)
            if refusal is None:
                report.added.append(name)
            else:
                report.refused.append(f"{name}: {refusal}")
    finally:
        client.close()
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="jenjang-events",
        description="Register the published event schemas and AsyncAPI document in the registry.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    reg = commands.add_parser("register", help="register every schema and the AsyncAPI document")
    reg.add_argument(
        "--url", help="the registry (default: the local stack's, JENJANG_REGISTRY_PORT)"
    )
    reg.add_argument(
        "--docs", type=Path, help="the published docs (default: <project>/docs/events)"
    )
    args = parser.parse_args(argv)
    try:
        config = StackConfig.from_env()
        docs = args.docs or config.project_root / "docs" / "events"
        report = register(args.url or config.registry_url, published_artifacts(docs))
    except StackError as error:
        print(f"jenjang-events {args.command}: {error.render()}", file=sys.stderr)
        return 1
    print(
        f"registered {len(report.added)} new, {len(report.unchanged)} already there, "
        f"{len(report.refused)} refused (group {GROUP}, {COMPATIBILITY})"
    )
    for line in report.refused:
        print(f"refused: {line}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
