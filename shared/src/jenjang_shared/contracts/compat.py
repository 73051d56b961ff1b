"""Would a change to a published event schema break a consumer? (docs/architecture.md, "Events").

An event stream is read in two directions, and a `.v1` change must survive both:

- consumers built on the old contract read events produced with the new one (`jsoncompat`'s
  *serializer* role: every payload the new schema allows, the old one must allow);
- consumers built on the new contract read events produced with the old one: the topic's history
  when a projection is rebuilt, and a producer not yet upgraded (the *deserializer* role: every
  payload the old schema allowed, the new one must allow).

Adding an optional field passes both: our models ignore unknown fields and the schemas leave
`additionalProperties` open. For the second direction the old schema's objects are first closed
(`additionalProperties: false`), because old producers never sent a field the old contract did
not declare; without that, any new field would look like a narrowing.

`jsoncompat` 0.3.x answers only yes or no, so each top-level field is also checked on its own to
say which one breaks, and it ignores `pattern` and `format`, which are therefore compared as text.
"""

from __future__ import annotations

import json
from typing import Any

import jsoncompat

_TEXT_KEYWORDS = ("pattern", "format")
_VALUES = ("examples", "default", "const", "enum")  # data, not schemas: nothing to look into
_OLD_CONSUMERS = "consumers on the old contract would reject new events"
_NEW_CONSUMERS = "consumers on the new contract could not read events already published"


def check_compatibility(old_schema: dict[str, Any], new_schema: dict[str, Any]) -> list[str]:
    """The consumer-breaking differences from `old_schema` to `new_schema`; empty when none."""
    old, new = _plain(old_schema), _plain(new_schema)
    try:
        return _field_problems(old, new) + _text_changes(old, new)
    except ValueError as exc:  # a feature jsoncompat cannot reason about: never assume it is fine
        return [f"jsoncompat cannot compare the schemas, so the change counts as breaking: {exc}"]


def _field_problems(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    problems = [
        f"`{name}` is no longer required: {_OLD_CONSUMERS}"
        for name in sorted(old_required - new_required)
    ]
    problems += [
        f"`{name}` is now required: {_NEW_CONSUMERS} (give it a default)"
        for name in sorted(new_required - old_required)
    ]
    old_fields, new_fields = old.get("properties", {}), new.get("properties", {})
    for name in sorted(old_fields.keys() - new_fields.keys()):
        problems.append(f"`{name}` was removed: a .v1 field stays, even when no longer sent")
    for name in sorted(old_fields.keys() & new_fields.keys()):
        old_field = {"$defs": old.get("$defs", {}), **old_fields[name]}
        new_field = {"$defs": new.get("$defs", {}), **new_fields[name]}
        if not _includes(old_field, new_field):
            problems.append(f"`{name}` now allows values the old schema rejects: {_OLD_CONSUMERS}")
        if not _includes(new_field, _closed(old_field)):
            problems.append(f"`{name}` now rejects values the old schema allowed: {_NEW_CONSUMERS}")
    if not problems:
        if not _includes(old, new):
            problems.append(f"the new schema allows payloads the old one rejects: {_OLD_CONSUMERS}")
        if not _includes(new, _closed(old)):
            problems.append(
                f"the new schema rejects payloads the old one allowed: {_NEW_CONSUMERS}"
            )
    return problems


def _includes(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """Whether every value valid under `inner` is valid under `outer` (jsoncompat's serializer
    role: `outer` is the old schema, `inner` the new one). Raises ValueError when it cannot tell."""
    return jsoncompat.check_compat(json.dumps(outer), json.dumps(inner), jsoncompat.Role.SERIALIZER)


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without what jsoncompat cannot resolve (`$id`) or need (`x-*` annotations)."""
    return {k: v for k, v in schema.items() if k != "$id" and not k.startswith("x-")}


def _closed(node: Any) -> Any:
    """The schema with every object that declares properties closed to undeclared ones."""
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {key: _closed(value) for key, value in node.items()}
    if "properties" in node and "additionalProperties" not in node:
        closed["additionalProperties"] = False
    return closed


def _text_changes(old: Any, new: Any, pointer: str = "") -> list[str]:
    """Changed `pattern` / `format` keywords, found at the same place in both schemas."""
    if isinstance(old, list) and isinstance(new, list):
        pairs = [(str(i), a, b) for i, (a, b) in enumerate(zip(old, new, strict=False))]
    elif isinstance(old, dict) and isinstance(new, dict):
        pairs = [(k, old[k], new[k]) for k in sorted(old.keys() & new.keys()) if k not in _VALUES]
    else:
        return []
    problems = [
        f"`{pointer or '/'}`: {keyword} changed from {old.get(keyword)!r} to {new.get(keyword)!r}"
        for keyword in _TEXT_KEYWORDS
        if isinstance(old, dict)
        and isinstance(new, dict)
        and old.get(keyword) != new.get(keyword)
        and isinstance(old.get(keyword, ""), str)
        and isinstance(new.get(keyword, ""), str)
    ]
    for key, old_child, new_child in pairs:
        problems += _text_changes(old_child, new_child, f"{pointer}/{key}")
    return problems
