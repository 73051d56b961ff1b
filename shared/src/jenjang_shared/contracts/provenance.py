"""Who sent an event and what it follows: its CloudEvents `source`, `dataschema` and classification.

`source` names the agency and the service as a URI whose last path segment is the service
(`https://bkd-demo.jenjang.example/personnel`), so every agency running Jenjang sends its own.
Each service sets it from `<SVC>_EVENT_SOURCE` (`jenjang_shared.config`); the default names the
demo agency. `dataschema` is the URL of the exact schema version in the schema registry
(Apicurio's v3 REST path), with the version being a digest of the schema itself: a schema that
changes gets a new URL without anyone remembering to bump a number.

The classification of each type is declared on its contract (`Event.classification`); the
reasoning, type by type, is in docs/events/README.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

SERVICES: tuple[str, ...] = ("personnel", "training", "mentoring", "evaluation", "welfare")

DEMO_AGENCY_URI = "https://bkd-demo.jenjang.example"
"""The demo agency (BKD of a West Java region): the default of every service's `source`."""

DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:58081"
"""Where the local launcher's schema registry answers; deployments set their own."""

SCHEMA_GROUP = "jenjang"
"""The registry group that holds every event schema (one artifact per CloudEvents type)."""

_TOPIC = re.compile(r"asn\.(?P<service>[a-z]+)\.(?:dlq\.)?v\d+$")


class Classification(StrEnum):
    """How far an event type may travel (docs/events/README.md, "Classification").

    - `public`: may be published to anyone;
    - `internal`: government-internal: may leave for the province bus;
    - `confidential`: personal data the bus does not need: stays in the agency;
    - `restricted`: specific personal data (UU 27/2022 art. 4(2): health, personal finance):
      only the consumers that must act on it.
    """

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"

    @property
    def leaves_the_agency(self) -> bool:
        """Whether events of this class may be replicated to the province bus."""
        return self in (Classification.PUBLIC, Classification.INTERNAL)

    @property
    def rank(self) -> int:
        return list(Classification).index(self)


# Process-wide, set once at start-up by the service's settings; one process runs one service
# (tests that run several in one process keep the defaults).
_sources: dict[str, str] = {}
_registry = {"url": DEFAULT_SCHEMA_REGISTRY_URL}


def default_source(service: str) -> str:
    """The demo agency's URI for a service: `https://bkd-demo.jenjang.example/<service>`."""
    return f"{DEMO_AGENCY_URI}/{service}"


def set_event_source(service: str, uri: str) -> None:
    """Make `uri` the `source` of every event `service` publishes from this process."""
    if service_of_source(uri) != service:
        raise ValueError(f"an event source must be a URI ending in /{service}, not {uri!r}")
    _sources[service] = uri


def source_of(service: str) -> str:
    """The CloudEvents `source` of a service's events in this process."""
    return _sources.get(service) or default_source(service)


def service_of_source(source: str) -> str | None:
    """The service a `source` names (its URI's last path segment), or None when it names none."""
    last = urlsplit(source).path.rstrip("/").rpartition("/")[2]
    return last if last in SERVICES else None


def owner_of_topic(topic: str) -> str | None:
    """The service that publishes to a topic (`[prefix]asn.<service>.v1`), or None."""
    match = _TOPIC.search(topic)
    return match["service"] if match else None


def set_schema_registry(url: str) -> None:
    """Make `url` the base of every `dataschema` this process sends."""
    _registry["url"] = url.rstrip("/")


def schema_registry_url() -> str:
    return _registry["url"]


def schema_revision(schema: dict[str, Any]) -> str:
    """The version of a schema in the registry: a digest of its content (without its `$id`)."""
    content = {key: value for key, value in schema.items() if key != "$id"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def artifact_url(ce_type: str, revision: str, *, base: str | None = None) -> str:
    """The registry URL of one version of a type's schema (Apicurio Registry's v3 REST API)."""
    root = (base or schema_registry_url()).rstrip("/")
    return (
        f"{root}/apis/registry/v3/groups/{SCHEMA_GROUP}/artifacts/{ce_type}"
        f"/versions/{revision}/content"
    )
