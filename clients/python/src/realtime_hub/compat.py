"""The old FastAPI router's ``broadcast_*`` coroutines, publishing the same events as the hub's Java ``Broadcasts``.

Switch an application over by changing its import to ``from realtime_hub.compat import broadcast_…``; the call sites
stay as they are. The hub is ``configure(url, api_key)``, or else the environment: ``REALTIME_HUB_URL`` and
``REALTIME_HUB_API_KEY``, read at the first call. Failures raise :mod:`realtime_hub.errors` exceptions.
"""
from __future__ import annotations

import enum
import os
import threading
from typing import Any, Dict, Optional

from .client import AsyncHubClient
from .errors import HubError

_lock = threading.Lock()
_client: Optional[AsyncHubClient] = None  # guarded by _lock


def configure(url: str, api_key: Optional[str] = None, *, timeout: float = 10.0, retries: int = 3,
              max_retry_time: float = 30.0) -> AsyncHubClient:
    """Points every ``broadcast_*`` at the hub at ``url``; returns the client they use."""
    global _client
    client = AsyncHubClient(url, api_key, timeout=timeout, retries=retries, max_retry_time=max_retry_time)
    with _lock:
        _client = client
    return client


def reset() -> None:
    """Forgets the configuration, so the next call reads the environment again (for tests)."""
    global _client
    with _lock:
        _client = None


def client() -> AsyncHubClient:
    """The configured client, made from ``REALTIME_HUB_URL`` / ``REALTIME_HUB_API_KEY`` if not configured."""
    global _client
    with _lock:
        if _client is None:
            url = os.environ.get("REALTIME_HUB_URL")
            if not url:
                raise HubError("realtime_hub.compat is not configured: call configure(url, api_key) "
                               "or set REALTIME_HUB_URL (and REALTIME_HUB_API_KEY)")
            _client = AsyncHubClient(url, os.environ.get("REALTIME_HUB_API_KEY") or None)
        return _client


def _wire(value: Any) -> Any:
    """An Enum as its value, as the old router's JSON encoding sent it; anything else as it is."""
    return value.value if isinstance(value, enum.Enum) else value


async def _publish(topic: str, type: str, fields: Dict[str, Any]) -> int:
    return await client().publish(topic, type, **fields)


async def broadcast_stats_update(stats: Dict[str, Any], throttle: bool = True) -> int:
    """``stats_update`` on ``stats``: ``{"data": stats}``, merged into the window unless ``throttle=False``."""
    return await _publish("stats", "stats_update", {"data": stats, "throttle": throttle})


async def broadcast_rule_change(rule_id: Any, action: str, details: Optional[Any] = None) -> int:
    """``rule_change`` on ``rules``: ``{"rule_id", "action", "details"}``."""
    return await _publish("rules", "rule_change",
                          {"rule_id": rule_id, "action": _wire(action), "details": details})


async def broadcast_system_event(event_type: str, message: str, data: Optional[Any] = None) -> int:
    """``system_event`` on ``system``: ``{"event": event_type, "message", "data"}``."""
    return await _publish("system", "system_event", {"event": event_type, "message": message, "data": data})


async def broadcast_log(level: str, message: str, module: Optional[str] = None, throttle: bool = True) -> int:
    """``log`` on ``logs``: ``{"level", "message", "module"}``, merged into the window unless ``throttle=False``."""
    return await _publish("logs", "log",
                          {"level": _wire(level), "message": message, "module": module, "throttle": throttle})


async def broadcast_alert(alert_type: str, title: str, message: str, severity: str = "warning") -> int:
    """``alert`` on ``alerts``: ``{"alert_type", "title", "message", "severity"}``."""
    return await _publish("alerts", "alert", {"alert_type": alert_type, "title": title, "message": message,
                                              "severity": _wire(severity)})


async def broadcast_notification(user_id: Optional[str], title: str, body: str,
                                 action_url: Optional[str] = None) -> int:
    """``notification`` on ``notifications``: ``{"user_id", "title", "body", "action_url"}``; a user id makes the
    hub deliver it only to that user's connections, ``None`` to everyone."""
    return await _publish("notifications", "notification",
                          {"user_id": user_id, "title": title, "body": body, "action_url": action_url})


async def broadcast_event(event_name: str, event_data: Any) -> int:
    """An application event through ``POST /api/events``, so the hub's bus routes pick its topic; returns the seq.

    The hub takes names of the form ``[A-Z][A-Z0-9_]*``; not retried on 503 (the endpoint has no idempotency id).
    """
    return (await client().emit(event_name, event_data)).seq


__all__ = ["configure", "reset", "client", "broadcast_stats_update", "broadcast_rule_change",
           "broadcast_system_event", "broadcast_log", "broadcast_alert", "broadcast_notification", "broadcast_event"]
