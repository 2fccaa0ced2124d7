import pytest

from app.feedback.types import FeedbackStatus
from app.feedback.workflow import (
    ActionBeforeActionedError,
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
    check_transition(
        FeedbackStatus(current), FeedbackStatus(target), "Refunded the shipping cost",
        action_changed=target == "actioned",
    )


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
        check_transition(current, target, "done", action_changed=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", list(FeedbackStatus))
def test_staying_put_is_allowed(status: FeedbackStatus) -> None:
    check_transition(status, status, None, action_changed=False)


@pytest.mark.parametrize("action_taken", [None, ""])
def test_actioned_requires_the_action_taken(action_taken: str | None) -> None:
    with pytest.raises(MissingActionError):
        check_transition(
            FeedbackStatus.ACKNOWLEDGED, FeedbackStatus.ACTIONED, action_taken,
            action_changed=False,
        )


@pytest.mark.parametrize(
    ("current", "target"),
    [("acknowledged", "actioned"), ("actioned", "actioned"), ("actioned", "closed")],
)
def test_the_action_is_recorded_with_the_move_to_actioned_or_while_actioned(
    current: str, target: str
) -> None:
    check_transition(
        FeedbackStatus(current), FeedbackStatus(target), "Refunded", action_changed=True
    )


@pytest.mark.parametrize(
    ("current", "target", "instead"),
    [
        ("new", "new", "send status 'acknowledged' without action_taken first"),
        ("new", "acknowledged", "send status 'acknowledged' without action_taken first"),
        ("acknowledged", "acknowledged", "send status 'actioned' together with action_taken"),
        ("closed", "closed", "closed feedback is final"),
    ],
)
def test_an_action_before_actioned_is_refused_saying_what_to_send(
    current: str, target: str, instead: str
) -> None:
    with pytest.raises(ActionBeforeActionedError, match=instead):
        check_transition(
            FeedbackStatus(current), FeedbackStatus(target), "Refunded", action_changed=True
        )


def test_a_skipped_step_is_a_transition_error_even_with_an_action() -> None:
    with pytest.raises(TransitionError):
        check_transition(
            FeedbackStatus.NEW, FeedbackStatus.ACTIONED, "Called", action_changed=True
        )


@pytest.mark.parametrize(
    ("rating", "sentiment"),
    [(None, None), (1, "negative"), (2, "negative"), (3, "neutral"), (4, "positive"),
     (5, "positive")],
)
def test_sentiment_is_derived_from_the_rating(rating: int | None, sentiment: str | None) -> None:
    assert sentiment_from_rating(rating) == sentiment
