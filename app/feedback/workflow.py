"""Feedback workflow rules (pure logic).

Status moves one step at a time: new -> acknowledged -> actioned -> closed. Reaching `actioned`
needs `action_taken`, so every followed-up gap records what was done about it; and
`action_taken` is only recorded with that move or changed while the item is `actioned`, so an
item never has an action without having been actioned.
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


class ActionBeforeActionedError(ValueError):
    """action_taken was sent for an item that is not `actioned` and is not being moved there."""


def check_transition(
    current: FeedbackStatus,
    target: FeedbackStatus,
    action_taken: str | None,
    *,
    action_changed: bool,
) -> None:
    """Allow staying put or moving one step forward, and a change of `action_taken` only with
    the move to `actioned` or while `actioned` (closing in the same change included); refuse
    anything else. `action_taken` is the value after the change."""
    if target != current and NEXT_STATUS.get(current) != target:
        allowed = NEXT_STATUS.get(current)
        hint = f"the next status is '{allowed}'" if allowed else "closed feedback is final"
        raise TransitionError(f"cannot move feedback from '{current}' to '{target}'; {hint}")
    if action_changed and current != FeedbackStatus.ACTIONED and target != FeedbackStatus.ACTIONED:
        raise ActionBeforeActionedError(_action_hint(current))
    if target == FeedbackStatus.ACTIONED and target != current and not action_taken:
        raise MissingActionError("moving to 'actioned' requires action_taken")


def _action_hint(current: FeedbackStatus) -> str:
    """What to send instead, from the current status."""
    rule = f"action_taken is recorded with the move to 'actioned'; this feedback is '{current}'"
    if current == FeedbackStatus.NEW:
        return (
            f"{rule}: send status 'acknowledged' without action_taken first, then status "
            "'actioned' with action_taken"
        )
    if current == FeedbackStatus.ACKNOWLEDGED:
        return f"{rule}: send status 'actioned' together with action_taken"
    return f"{rule} and closed feedback is final"


def sentiment_from_rating(rating: int | None) -> Sentiment | None:
    """On the 1-5 scale: 4-5 positive, 3 neutral, 1-2 negative."""
    if rating is None:
        return None
    if rating >= 4:
        return Sentiment.POSITIVE
    if rating == 3:
        return Sentiment.NEUTRAL
    return Sentiment.NEGATIVE
