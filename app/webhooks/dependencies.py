from typing import Annotated

from fastapi import Depends, Request

from app.config import Settings
from app.webhooks.sender import SendOptions
from app.webhooks.ssrf import Resolver, system_resolver


def send_options(request: Request) -> SendOptions:
    """How URLs are checked and messages sent; tests swap `app.state.webhook_resolver`."""
    settings: Settings = request.app.state.settings
    resolver: Resolver = getattr(request.app.state, "webhook_resolver", system_resolver)
    return SendOptions.from_settings(settings, resolver)


SendOptionsDep = Annotated[SendOptions, Depends(send_options)]
