"""What every route module shares: path and query types, the policy, result mapping."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, cast

from fastapi import Path, Query

from jenjang_shared.web.app import Runtime
from mentoring.config import MentoringSettings
from mentoring.domain.mentorship import Mentorship
from mentoring.domain.policy import MentoringPolicy
from mentoring.entrypoints.schemas import NIP_PATH, MentorshipPublic

NipPath = Annotated[str, Path(pattern=NIP_PATH, description="An 18-digit NIP")]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0)]


def policy_of(runtime: Runtime) -> MentoringPolicy:
    return cast(MentoringSettings, runtime.settings).policy()


def mentorship_public(m: Mentorship | dict[str, Any]) -> MentorshipPublic:
    data = dataclasses.asdict(m) if isinstance(m, Mentorship) else dict(m)
    data["goals"] = list(data["goals"])
    return MentorshipPublic.model_validate(data)
