"""realtime_hub.compat: the old router's coroutines, their exact payloads, and how they find the hub."""
from __future__ import annotations

import asyncio
import enum
import inspect
import os
import unittest
import uuid
from typing import Any, Dict
from unittest import mock

from _support import StubHub, WebSocket, hub_key, hub_url

from realtime_hub import HubError, compat


def _without_id(body: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in body.items() if k != "id"}


class Action(str, enum.Enum):
    CREATED = "created"


class CompatShapesTest(unittest.TestCase):
    """Each coroutine publishes what the hub's Java Broadcasts helper publishes (topic, type, fields, throttle)."""

    def setUp(self) -> None:
        self.stub = StubHub()
        self.addCleanup(self.stub.close)
        compat.configure(self.stub.url, "key-1")
        self.addCleanup(compat.reset)

    def sent(self, coroutine: Any) -> Dict[str, Any]:
        asyncio.run(coroutine)
        path, headers, body = self.stub.requests[-1]
        self.assertEqual(path, "/api/publish")
        self.assertEqual(headers["Authorization"], "Bearer key-1")
        self.assertIsInstance(body["id"], str)
        return _without_id(body)

    def test_every_coroutine_keeps_the_old_signature(self) -> None:
        signatures = {
            "broadcast_stats_update": "(stats, throttle=True)",
            "broadcast_rule_change": "(rule_id, action, details=None)",
            "broadcast_system_event": "(event_type, message, data=None)",
            "broadcast_log": "(level, message, module=None, throttle=True)",
            "broadcast_alert": "(alert_type, title, message, severity='warning')",
            "broadcast_notification": "(user_id, title, body, action_url=None)",
            "broadcast_event": "(event_name, event_data)",
        }
        for name, expected in signatures.items():
            function = getattr(compat, name)
            self.assertTrue(inspect.iscoroutinefunction(function), name)
            parameters = inspect.signature(function).parameters.values()
            shown = "(" + ", ".join(p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
                                    for p in parameters) + ")"
            self.assertEqual(shown, expected, name)

    def test_stats_update(self) -> None:
        self.assertEqual(self.sent(compat.broadcast_stats_update({"messages": 10})),
                         {"topic": "stats", "type": "stats_update", "data": {"messages": 10}, "throttle": True})
        self.assertEqual(self.sent(compat.broadcast_stats_update({"m": 1}, throttle=False))["throttle"], False)

    def test_rule_change(self) -> None:
        self.assertEqual(self.sent(compat.broadcast_rule_change(7, "created")),
                         {"topic": "rules", "type": "rule_change", "rule_id": 7, "action": "created",
                          "details": None})
        self.assertEqual(self.sent(compat.broadcast_rule_change("r-1", Action.CREATED, {"name": "n"})),
                         {"topic": "rules", "type": "rule_change", "rule_id": "r-1", "action": "created",
                          "details": {"name": "n"}})

    def test_system_event(self) -> None:
        self.assertEqual(self.sent(compat.broadcast_system_event("startup", "up", {"v": 1})),
                         {"topic": "system", "type": "system_event", "event": "startup", "message": "up",
                          "data": {"v": 1}})
        self.assertIsNone(self.sent(compat.broadcast_system_event("startup", "up"))["data"])

    def test_log(self) -> None:
        self.assertEqual(self.sent(compat.broadcast_log("INFO", "started")),
                         {"topic": "logs", "type": "log", "level": "INFO", "message": "started", "module": None,
                          "throttle": True})
        self.assertEqual(self.sent(compat.broadcast_log("ERROR", "boom", "billing", throttle=False)),
                         {"topic": "logs", "type": "log", "level": "ERROR", "message": "boom", "module": "billing",
                          "throttle": False})

    def test_alert(self) -> None:
        self.assertEqual(self.sent(compat.broadcast_alert("disk", "Disk full", "/var at 91%")),
                         {"topic": "alerts", "type": "alert", "alert_type": "disk", "title": "Disk full",
                          "message": "/var at 91%", "severity": "warning"})
        self.assertEqual(self.sent(compat.broadcast_alert("disk", "t", "m", severity="critical"))["severity"],
                         "critical")

    def test_notification(self) -> None:
        self.assertEqual(self.sent(compat.broadcast_notification("alice", "Report ready", "done", "/reports/7")),
                         {"topic": "notifications", "type": "notification", "user_id": "alice",
                          "title": "Report ready", "body": "done", "action_url": "/reports/7"})
        self.assertEqual(self.sent(compat.broadcast_notification(None, "t", "b")),
                         {"topic": "notifications", "type": "notification", "user_id": None, "title": "t",
                          "body": "b", "action_url": None})

    def test_event_goes_through_api_events(self) -> None:
        seq = asyncio.run(compat.broadcast_event("USER_LOGIN", {"user": "alice"}))
        self.assertEqual(seq, 7)
        path, _, body = self.stub.requests[-1]
        self.assertEqual((path, body), ("/api/events", {"event": "USER_LOGIN", "data": {"user": "alice"}}))


class CompatConfigurationTest(unittest.TestCase):

    def setUp(self) -> None:
        compat.reset()
        self.addCleanup(compat.reset)
        self.stub = StubHub()
        self.addCleanup(self.stub.close)

    def test_the_environment_configures_it_when_configure_was_not_called(self) -> None:
        with mock.patch.dict(os.environ, {"REALTIME_HUB_URL": self.stub.url, "REALTIME_HUB_API_KEY": "env-key"}):
            asyncio.run(compat.broadcast_log("INFO", "m"))
        self.assertEqual(self.stub.requests[0][1]["Authorization"], "Bearer env-key")

    def test_configure_beats_the_environment(self) -> None:
        other = StubHub()
        self.addCleanup(other.close)
        with mock.patch.dict(os.environ, {"REALTIME_HUB_URL": other.url, "REALTIME_HUB_API_KEY": "env-key"}):
            compat.configure(self.stub.url)
            asyncio.run(compat.broadcast_log("INFO", "m"))
        self.assertEqual(len(self.stub.requests), 1)
        self.assertNotIn("Authorization", self.stub.requests[0][1])
        self.assertEqual(other.requests, [])

    def test_without_configuration_it_says_how_to_configure(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=True):
            with self.assertRaises(HubError) as caught:
                asyncio.run(compat.broadcast_log("INFO", "m"))
        self.assertIn("REALTIME_HUB_URL", caught.exception.message)


class CompatOnTheRealHubTest(unittest.TestCase):

    def setUp(self) -> None:
        self.url = hub_url()
        compat.configure(self.url, hub_key())
        self.addCleanup(compat.reset)

    def test_an_alert_and_a_notification_arrive_as_the_old_router_sent_them(self) -> None:
        ws = WebSocket(self.url)
        self.addCleanup(ws.close)
        ws.subscribe("alerts")
        ws.subscribe("notifications")
        title = uuid.uuid4().hex

        async def run() -> int:
            await compat.broadcast_notification(None, title, "for everyone")
            return await compat.broadcast_alert("disk", title, "/var at 91%")
        seq = asyncio.run(run())
        note = ws.until(lambda f: f.get("type") == "notification" and f.get("title") == title)
        self.assertEqual((note["body"], note["user_id"], note["action_url"]), ("for everyone", None, None))
        alert = ws.until(lambda f: f.get("type") == "alert" and f.get("title") == title)
        self.assertEqual(alert["seq"], seq)
        self.assertEqual({k: alert[k] for k in ("topic", "alert_type", "message", "severity")},
                         {"topic": "alerts", "alert_type": "disk", "message": "/var at 91%", "severity": "warning"})


if __name__ == "__main__":
    unittest.main()
