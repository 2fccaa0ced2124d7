"""Business calendars and SLA policies: create, change, delete."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.errors import RequestInvalid, UnknownReference, field_error
from app.kit.pagination import PageParams
from app.models import SlaCalendar, SlaPolicy
from app.sla.errors import CalendarInUse, CalendarNotFound, SlaPolicyNotFound
from app.sla.repository import CalendarRepository, PolicyRepository
from app.sla.schemas import (
    CalendarCreate,
    CalendarUpdate,
    PolicyCreate,
    PolicyOut,
    PolicyUpdate,
    Targets,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


async def create_calendar(
    session: AsyncSession, body: CalendarCreate, now: datetime
) -> SlaCalendar:
    calendar = SlaCalendar(created_at=now, updated_at=now)
    _assign_calendar(calendar, body)
    return await CalendarRepository(session).add(calendar)


async def get_calendar(session: AsyncSession, calendar_id: uuid.UUID) -> SlaCalendar:
    calendar = await CalendarRepository(session).by_id(calendar_id)
    if calendar is None:
        raise CalendarNotFound(f"No business calendar with id {calendar_id}.")
    return calendar


async def list_calendars(
    session: AsyncSession, page: PageParams
) -> tuple[Sequence[SlaCalendar], str | None]:
    return await CalendarRepository(session).page(page)


async def update_calendar(
    session: AsyncSession, calendar_id: uuid.UUID, body: CalendarUpdate, now: datetime
) -> SlaCalendar:
    calendar = await get_calendar(session, calendar_id)
    current = CalendarCreate.model_validate(
        {
            "name": calendar.name,
            "timezone": calendar.timezone,
            "weekly_hours": calendar.weekly_hours,
            "holidays": calendar.holidays,
        }
    )
    _assign_calendar(calendar, _merged(current, body))
    calendar.updated_at = now
    return calendar


async def delete_calendar(session: AsyncSession, calendar_id: uuid.UUID) -> None:
    repository = CalendarRepository(session)
    calendar = await repository.by_id(calendar_id, lock=True)
    if calendar is None:
        raise CalendarNotFound(f"No business calendar with id {calendar_id}.")
    if await repository.is_referenced(calendar_id):
        raise CalendarInUse(
            "The business calendar is used by an SLA policy; change or delete the policy first."
        )
    await repository.delete(calendar)


def _assign_calendar(calendar: SlaCalendar, body: CalendarCreate) -> None:
    calendar.name = body.name
    calendar.timezone = body.timezone
    calendar.weekly_hours = {
        day: [list(pair) for pair in hours] for day, hours in body.weekly_hours.items()
    }
    calendar.holidays = sorted(set(body.holidays))


async def create_policy(session: AsyncSession, body: PolicyCreate, now: datetime) -> SlaPolicy:
    await _check_calendar(session, body)
    policy = SlaPolicy(created_at=now, updated_at=now, version=1)
    _assign_policy(policy, body)
    return await PolicyRepository(session).add(policy)


async def get_policy(session: AsyncSession, policy_id: uuid.UUID) -> SlaPolicy:
    policy = await PolicyRepository(session).by_id(policy_id)
    if policy is None:
        raise SlaPolicyNotFound(f"No SLA policy with id {policy_id}.")
    return policy


async def list_policies(
    session: AsyncSession, page: PageParams
) -> tuple[Sequence[SlaPolicy], str | None]:
    return await PolicyRepository(session).page(page)


async def update_policy(
    session: AsyncSession, policy_id: uuid.UUID, body: PolicyUpdate, now: datetime
) -> SlaPolicy:
    """Tickets keep the snapshot taken when the policy was applied: history is not rewritten."""
    policy = await get_policy(session, policy_id)
    current = PolicyCreate.model_validate(
        PolicyOut.model_validate(policy).model_dump(
            exclude={"id", "version", "created_at", "updated_at"}
        )
    )
    merged = _merged(current, body)
    await _check_calendar(session, merged)
    _assign_policy(policy, merged)
    policy.version += 1
    policy.updated_at = now
    return policy


async def delete_policy(session: AsyncSession, policy_id: uuid.UUID) -> None:
    await PolicyRepository(session).delete(await get_policy(session, policy_id))


def _assign_policy(policy: SlaPolicy, body: PolicyCreate) -> None:
    policy.name = body.name
    policy.position = body.position
    policy.calendar_id = body.calendar_id
    policy.conditions = body.conditions.model_dump()
    policy.targets = body.targets.model_dump(exclude_none=True)
    policy.pause_statuses = list(dict.fromkeys(body.pause_statuses))
    policy.escalate_on_breach = body.escalate_on_breach


async def _check_calendar(session: AsyncSession, body: PolicyCreate) -> None:
    if body.calendar_id is None:
        _require_calendar_for_business_hours(body.targets)
        return
    # KEY SHARE: the calendar cannot be deleted before this policy commits.
    if await CalendarRepository(session).by_id_key_share(body.calendar_id) is None:
        raise UnknownReference(
            f"No business calendar with id {body.calendar_id}.",
            errors=[field_error("/calendar_id", "no business calendar with this id")],
        )


def _require_calendar_for_business_hours(targets: Targets) -> None:
    for metric, definition in targets:
        if definition is not None and definition.business_hours:
            raise RequestInvalid(
                "Targets in business hours need the policy to name a business calendar.",
                errors=[field_error(
                    f"/targets/{metric}/business_hours", "needs calendar_id to be set"
                )],
            )


def _merged(current: ModelT, changes: BaseModel) -> ModelT:
    """`current` with the fields the client sent, validated again as a whole."""
    data: dict[str, Any] = current.model_dump()
    data.update(changes.model_dump(exclude_unset=True))
    try:
        return type(current).model_validate(data)
    except ValidationError as error:
        raise RequestInvalid(
            "The change would leave the resource invalid.",
            errors=[
                field_error("/" + "/".join(str(part) for part in item["loc"]), item["msg"])
                for item in error.errors()
            ],
        ) from error



