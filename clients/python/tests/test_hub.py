"""HubClient and AsyncHubClient against the real hub named by REALTIME_HUB_URL (which must require an API key)."""
from __future__ import annotations

import asyncio
import sys
import unittest
import uuid

from _support import WebSocket, hub_key, hub_url

from realtime_hub import (AsyncHubClient, AuthError, BadRequestError, Emitted, HubClient, HubError,
                          PayloadTooLargeError)


class RealHubTest(unittest.TestCase):

    def setUp(self) -> None:
        self.url = hub_url()
        self.client = HubClient(self.url, hub_key(), timeout=10.0)

    def watch(self, topic: str) -> WebSocket:
        ws = WebSocket(self.url)
        self.addCleanup(ws.close)
        ws.subscribe(topic)
        return ws

    def test_publish_returns_the_seq_and_the_event_arrives(self) -> None:
        ws = self.watch("alerts")
        title = f"disk {uuid.uuid4().hex}"
        seq = self.client.publish("alerts", "alert", alert_type="disk", title=title, message="/var at 91%",
                                  severity="critical")
        self.assertIsInstance(seq, int)
        frame = ws.until(lambda f: f.get("title") == title)
        self.assertEqual(frame["seq"], seq)
        self.assertEqual((frame["topic"], frame["type"], frame["alert_type"], frame["message"], frame["severity"]),
                         ("alerts", "alert", "disk", "/var at 91%", "critical"))

    def test_publish_many_sends_one_batch_and_returns_every_seq(self) -> None:
        ws = self.watch("alerts")
        marker = uuid.uuid4().hex
        seqs = self.client.publish_many([
            {"topic": "alerts", "type": "alert", "alert_type": "a", "title": marker + "-1", "message": "m"},
            {"topic": "alerts", "type": "alert", "alert_type": "a", "title": marker + "-2", "message": "m"},
        ])
        self.assertEqual(len(seqs), 2)
        self.assertEqual(seqs[1], seqs[0] + 1)
        first = ws.until(lambda f: f.get("title") == marker + "-1")
        second = ws.until(lambda f: f.get("title") == marker + "-2")
        self.assertEqual([first["seq"], second["seq"]], seqs)

    def test_a_repeated_id_gets_its_first_seq_and_is_not_delivered_twice(self) -> None:
        ws = self.watch("alerts")
        event = {"topic": "alerts", "type": "alert", "id": uuid.uuid4().hex, "title": "once", "message": "m"}
        first = self.client.publish_many([event])
        again = self.client.publish_many([event])
        self.assertEqual(first, again)
        after = self.client.publish("alerts", "alert", title="after", message="m")
        frames = []
        ws.until(lambda f: frames.append(f) or f.get("seq") == after)
        self.assertEqual([f["seq"] for f in frames if f.get("title") == "once"], first)

    def test_the_async_client_publishes_too(self) -> None:
        async def run() -> int:
            return await AsyncHubClient(self.url, hub_key()).publish("system", "system_event", event="e",
                                                                     message="async", data=None)
        self.assertIsInstance(asyncio.run(run()), int)

    def test_an_unknown_topic_is_a_bad_request_with_the_hubs_message(self) -> None:
        with self.assertRaises(BadRequestError) as caught:
            self.client.publish("nope", "x")
        self.assertEqual(caught.exception.status, 400)
        self.assertEqual(caught.exception.message, "Unknown topic: nope")
        with self.assertRaises(BadRequestError) as caught:
            self.client.publish_many([{"topic": "alerts", "type": "a"}, {"topic": "nope", "type": "x"}])
        self.assertEqual(caught.exception.message, "Event 1: Unknown topic: nope")

    def test_a_wrong_api_key_is_an_auth_error(self) -> None:
        for key in ("wrong-" + hub_key(), None):
            with self.assertRaises(AuthError) as caught:
                HubClient(self.url, key).publish("alerts", "alert", title="t", message="m")
            self.assertEqual(caught.exception.status, 401)
            self.assertIn("Missing or invalid API key", caught.exception.message)

    def test_a_huge_body_is_payload_too_large(self) -> None:
        with self.assertRaises(PayloadTooLargeError) as caught:
            self.client.publish("logs", "log", level="info", message="x" * (2 * 1024 * 1024))
        self.assertEqual(caught.exception.status, 413)
        self.assertIn("Body too large", caught.exception.message)

    def test_emit_goes_through_api_events(self) -> None:
        emitted = self.client.emit("ALERT_PY_CLIENT", {"disk": "/var", "percent": 91})
        self.assertIsInstance(emitted, Emitted)
        self.assertIsInstance(emitted.seq, int)
        self.assertEqual(emitted.topic, "alerts")  # the default bus route of ALERT_*

    def test_an_event_name_the_bus_refuses_is_a_bad_request_with_the_hubs_words(self) -> None:
        with self.assertRaises(BadRequestError) as caught:
            self.client.emit("lower_case", None)
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("Field 'event' must be an event name", caught.exception.message)


if __name__ == "__main__":
    unittest.main()
