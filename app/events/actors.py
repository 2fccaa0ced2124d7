"""Who caused an event, as event payloads show it: an API key, or the service itself."""

from typing import Any

from app.auth.service import Principal


def actor_data(actor: Principal | None) -> dict[str, Any]:
    if actor is None:
        return {"type": "system"}
    return {"type": "api_key", "api_key_id": str(actor.api_key_id), "name": actor.name}
