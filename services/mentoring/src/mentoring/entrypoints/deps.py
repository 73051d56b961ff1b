"""What every route module shares: the policy and result mapping."""

from __future__ import annotations

import dataclasses
from typing import Any, cast

from jenjang_shared.web.app import Runtime
from mentoring.config import MentoringSettings
from mentoring.domain.mentorship import Mentorship
from mentoring.domain.policy import MentoringPolicy
from mentoring.entrypoints.schemas import MentorshipPublic


def policy_of(runtime: Runtime) -> MentoringPolicy:
    return cast(MentoringSettings, runtime.settings).policy()


def mentorship_public(m: Mentorship | dict[str, Any]) -> MentorshipPublic:
    data = dataclasses.asdict(m) if isinstance(m, Mentorship) else dict(m)
    data["goals"] = list(data["goals"])
    return MentorshipPublic.model_validate(data)
