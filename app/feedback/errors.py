"""The problem types of feedback."""

from app.kit.errors import ConflictError, NotFoundError


class FeedbackNotFound(NotFoundError):
    """No feedback has this id."""

    slug, title = "feedback-not-found", "Feedback not found"


class FeedbackClosed(ConflictError):
    """The feedback is closed; closed feedback is final."""

    slug, title = "feedback-closed", "Feedback closed"


class FeedbackTransitionNotAllowed(ConflictError):
    """The feedback workflow does not allow this status change from the current status."""

    slug, title = "feedback-transition-not-allowed", "Feedback transition not allowed"


class FeedbackActionBeforeActioned(ConflictError):
    """`action_taken` was sent for feedback that is neither `actioned` nor being moved there;
    `errors` points at `/action_taken` and `detail` says what to send instead.
    """

    slug, title = "feedback-action-before-actioned", "Action taken before actioned"
