"""Who may look at the dashboard: read-only links made through the API, and browser sessions
opened by a link or by signing in with an API key that has metrics:read.

A session's token lives in an HttpOnly cookie; only its SHA-256 is stored, with the key that
opened it. Every page view checks that the session has not expired, that its link (if any) is
neither revoked nor expired, and that the key is still active and still grants metrics:read:
revoking the key or the link ends its sessions at once.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth
from app.auth.errors import MissingScope
from app.auth.scopes import Scope, grants
from app.auth.service import Principal
from app.dashboard.errors import DashboardLinkNotFound, DashboardLinkNotWorking
from app.dashboard.repository import DashboardRepository
from app.dashboard.schemas import DashboardLinkCreate, DashboardLinkCreated, DashboardLinkOut
from app.kit.capabilities import MAX_TOKEN_LENGTH, generate_token, hash_token
from app.kit.db import Database
from app.kit.inputs import DASHBOARD_LINK_PREFIX
from app.kit.pagination import PageParams
from app.models import DashboardLink, DashboardSession


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{DASHBOARD_LINK_PREFIX}{token}"


def _owner(actor: Principal) -> uuid.UUID | None:
    """Whose links the actor sees and revokes: its own; an admin key every link (None)."""
    return None if grants(actor.scopes, Scope.ADMIN) else actor.api_key_id


async def create_link(
    session: AsyncSession,
    actor: Principal,
    body: DashboardLinkCreate,
    now: datetime,
    *,
    base_url: str,
    default_ttl: timedelta,
) -> DashboardLinkCreated:
    """A new read-only link; its URL is shown once (only the token's hash is stored)."""
    token = generate_token()
    ttl = timedelta(hours=body.expires_in_hours) if body.expires_in_hours else default_ttl
    link = await DashboardRepository(session).add_link(
        DashboardLink(
            name=body.name,
            token_hash=token.token_hash,
            api_key_id=actor.api_key_id,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    return DashboardLinkCreated(
        **DashboardLinkOut.model_validate(link).model_dump(),
        url=link_url(base_url, token.plaintext),
    )


async def list_links(
    session: AsyncSession, actor: Principal, params: PageParams
) -> tuple[Sequence[DashboardLink], str | None]:
    return await DashboardRepository(session).links(params, _owner(actor))


async def revoke_link(
    session: AsyncSession, actor: Principal, link_id: uuid.UUID, now: datetime
) -> DashboardLink:
    """The link stops working and every session opened with it ends (a revoked link stays
    revoked: revoking it again changes nothing)."""
    repository = DashboardRepository(session)
    link = await repository.link(link_id, _owner(actor))
    if link is None:
        raise DashboardLinkNotFound(f"No dashboard link with id {link_id}.")
    if link.revoked_at is None:
        await repository.revoke_link(link, now)
        await session.refresh(link)
    return link


async def open_link(
    session: AsyncSession, token: str, now: datetime, session_ttl: timedelta
) -> str:
    """A new session's token for a live link (it ends with the link at the latest)."""
    repository = DashboardRepository(session)
    link = None
    if len(token) <= MAX_TOKEN_LENGTH:
        link = await repository.live_link(hash_token(token), now)
    if link is None or not await auth.key_holds(session, link.api_key_id, Scope.METRICS_READ):
        raise DashboardLinkNotWorking("This dashboard link is unknown, revoked or expired.")
    return await _new_session(
        repository, link.api_key_id, now, min(now + session_ttl, link.expires_at), link.id
    )


async def sign_in(
    database: Database,
    session: AsyncSession,
    api_key: str,
    now: datetime,
    session_ttl: timedelta,
) -> str:
    """A new session's token for an active key with metrics:read (InvalidApiKey,
    RevokedApiKey or MissingScope otherwise). The key itself is never stored."""
    principal = await auth.authenticate(database, api_key.strip(), now)
    if not grants(principal.scopes, Scope.METRICS_READ):
        raise MissingScope(f"This API key lacks the `{Scope.METRICS_READ}` scope.")
    return await _new_session(
        DashboardRepository(session), principal.api_key_id, now, now + session_ttl, None
    )


async def _new_session(
    repository: DashboardRepository,
    api_key_id: uuid.UUID,
    now: datetime,
    expires_at: datetime,
    link_id: uuid.UUID | None,
) -> str:
    token = generate_token()
    await repository.add_session(
        DashboardSession(
            token_hash=token.token_hash,
            api_key_id=api_key_id,
            link_id=link_id,
            created_at=now,
            expires_at=expires_at,
        ),
        now,
    )
    return token.plaintext


async def session_is_live(session: AsyncSession, token: str | None, now: datetime) -> bool:
    """Whether the cookie's token opens the dashboard now."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return False
    live = await DashboardRepository(session).live_session(hash_token(token), now)
    return live is not None and await auth.key_holds(session, live.api_key_id, Scope.METRICS_READ)


async def sign_out(session: AsyncSession, token: str | None) -> None:
    if token and len(token) <= MAX_TOKEN_LENGTH:
        await DashboardRepository(session).end_session(hash_token(token))
