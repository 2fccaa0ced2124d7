"""The worker folds the rows changed since its last run into the metric rollups."""

from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.metrics.service import fold_rollups

FOLD_BATCH = 5000  # change-log entries per run; a full batch is followed at once by another


def jobs(settings: Settings) -> list[Job]:
    return [
        Job("fold_metric_rollups", fold_metric_rollups, settings.metrics_fold_seconds, FOLD_BATCH)
    ]


async def fold_metric_rollups(context: JobContext) -> int:
    async with context.transaction() as session:
        return await fold_rollups(session, context.clock.now(), FOLD_BATCH)
