"""Feedback vocabulary and workflow rules (pure logic).

Status moves one step at a time: new -> acknowledged -> actioned -> closed. Reaching `actioned`
needs `action_taken`, so every followed-up gap records what was done about it.
"""

from typing import Final, Literal, get_args

FeedbackSource = Literal["survey", "support_ticket", "social_media", "review", "email", "other"]
FeedbackStatus = Literal["new", "acknowledged", "actioned", "closed"]
Sentiment = Literal["positive", "neutral", "negative"]
ExpectationArea = Literal["product_quality", "delivery", "pricing", "support", "website", "other"]

STATUSES: Final[tuple[FeedbackStatus, ...]] = get_args(FeedbackStatus)
NEXT_STATUS: Final[dict[FeedbackStatus, FeedbackStatus]] = {
    "new": "acknowledged",
    "acknowledged": "actioned",
    "actioned": "closed",
}


class TransitionError(ValueError):
    """The requested status change is not allowed from the current status."""


class MissingActionError(ValueError):
    """`actioned` was requested without any action_taken."""


def check_transition(
    current: FeedbackStatus, target: FeedbackStatus, action_taken: str | None
) -> None:
    """Allow staying put or moving one step forward; refuse anything else."""
    if target == current:
        return
    if NEXT_STATUS.get(current) != target:
        allowed = NEXT_STATUS.get(current)
        hint = f"the next status is {allowed!r}" if allowed else "closed feedback is final"
        raise TransitionError(f"cannot move feedback from {current!r} to {target!r}; {hint}")
    if target == "actioned" and not action_taken:
        raise MissingActionError("moving to 'actioned' requires action_taken")


def sentiment_from_rating(rating: int | None) -> Sentiment | None:
    """On the 1-5 scale: 4-5 positive, 3 neutral, 1-2 negative."""
    if rating is None:
        return None
    if rating >= 4:
        return "positive"
    if rating == 3:
        return "neutral"
    return "negative"
