"""The problem types of metrics."""

from app.kit.errors import UnprocessableError


class MetricNotGroupable(UnprocessableError):
    """The metric cannot be grouped (it counts no tickets' attributes, or no tickets)."""

    slug, title = "metric-not-groupable", "Metric cannot be grouped"


class MetricWithoutRecords(UnprocessableError):
    """The metric has no records to list (retention counts customers across two periods)."""

    slug, title = "metric-without-records", "Metric has no records"


class GroupWithoutGroupBy(UnprocessableError):
    """`group` names a group, but no `group_by` says what it is a value of."""

    slug, title = "group-without-group-by", "Group without group_by"


class BucketNotInWindow(UnprocessableError):
    """`bucket` is not the start of a bucket of the window at this granularity and time zone."""

    slug, title = "bucket-not-in-window", "Bucket not in the window"


class PartNotApplicable(UnprocessableError):
    """`part=numerator` was asked of a duration metric, whose records are a sample without a
    numerator."""

    slug, title = "part-not-applicable", "Part not applicable"
