"""Feedback workflow rules (pure logic).

Status moves one step at a time: new -> acknowledged -> actioned -> closed. Reaching `actioned`
needs `action_taken`, so every followed-up gap records what was done about it.
"""

from typing import Final

from app.feedback.types import FeedbackStatus, Sentiment

NEXT_STATUS: Final[dict[FeedbackStatus, FeedbackStatus]] = {
    FeedbackStatus.NEW: FeedbackStatus.ACKNOWLEDGED,
    FeedbackStatus.ACKNOWLEDGED: FeedbackStatus.ACTIONED,
    FeedbackStatus.ACTIONED: FeedbackStatus.CLOSED,
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
        hint = f"the next status is '{allowed}'" if allowed else "closed feedback is final"
        raise TransitionError(f"cannot move feedback from '{current}' to '{target}'; {hint}")
    if target == FeedbackStatus.ACTIONED and not action_taken:
        raise MissingActionError("moving to 'actioned' requires action_taken")


def sentiment_from_rating(rating: int | None) -> Sentiment | None:
    """On the 1-5 scale: 4-5 positive, 3 neutral, 1-2 negative."""
    if rating is None:
        return None
    if rating >= 4:
        return Sentiment.POSITIVE
    if rating == 3:
        return Sentiment.NEUTRAL
    return Sentiment.NEGATIVE
