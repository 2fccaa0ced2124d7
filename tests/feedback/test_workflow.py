import pytest

from app.feedback.types import FeedbackStatus
from app.feedback.workflow import (
    MissingActionError,
    TransitionError,
    check_transition,
    sentiment_from_rating,
)


@pytest.mark.parametrize(
    ("current", "target"),
    [("new", "acknowledged"), ("acknowledged", "actioned"), ("actioned", "closed")],
)
def test_feedback_moves_one_step_forward(current: str, target: str) -> None:
    check_transition(current, target, "Refunded the shipping cost")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("new", "actioned"), ("new", "closed"), ("acknowledged", "closed"),
        ("acknowledged", "new"), ("actioned", "acknowledged"), ("closed", "new"),
        ("closed", "actioned"),
    ],
)
def test_skipping_or_going_back_is_refused(current: str, target: str) -> None:
    with pytest.raises(TransitionError):
        check_transition(current, target, "done")  # type: ignore[arg-type]


@pytest.mark.parametrize("status", list(FeedbackStatus))
def test_staying_put_is_allowed(status: FeedbackStatus) -> None:
    check_transition(status, status, None)


@pytest.mark.parametrize("action_taken", [None, ""])
def test_actioned_requires_the_action_taken(action_taken: str | None) -> None:
    with pytest.raises(MissingActionError):
        check_transition(FeedbackStatus.ACKNOWLEDGED, FeedbackStatus.ACTIONED, action_taken)


@pytest.mark.parametrize(
    ("rating", "sentiment"),
    [(None, None), (1, "negative"), (2, "negative"), (3, "neutral"), (4, "positive"),
     (5, "positive")],
)
def test_sentiment_is_derived_from_the_rating(rating: int | None, sentiment: str | None) -> None:
    assert sentiment_from_rating(rating) == sentiment
