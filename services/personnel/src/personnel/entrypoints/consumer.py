"""Every event the personnel service reacts to, and its handler: the whole message surface.

Personnel consumes every event type of every topic: each one adds to the career timeline, and
PromotionRecommended also opens a promotion proposal and PromotionRecommendationWithdrawn
withdraws a pending one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from jenjang_shared.contracts import (
    ALL_EVENTS,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.handlers import EventHandler, HandlerTable
from personnel.adapters.work import work_for
from personnel.service.ports import Work
from personnel.service.proposals import on_promotion_recommended, on_recommendation_withdrawn
from personnel.service.timeline import add_to_timeline


def _bound(use_case: Callable[[Any, Work], Awaitable[None]]) -> EventHandler:
    async def handle(event: Any, uow: UnitOfWork) -> None:
        await use_case(event, work_for(uow))

    handle.__name__ = use_case.__name__
    return handle


_SPECIAL: dict[type, Callable[[Any, Work], Awaitable[None]]] = {
    PromotionRecommended: on_promotion_recommended,
    PromotionRecommendationWithdrawn: on_recommendation_withdrawn,
}

HANDLERS: HandlerTable = {
    model: _bound(_SPECIAL.get(model, add_to_timeline)) for model in ALL_EVENTS
}
