"""Retries on 503 and errors, against a stub hub that answers from a script."""
from __future__ import annotations

import asyncio
import socket
import time
import unittest

from _support import StubHub

from realtime_hub import (AsyncHubClient, HubClient, HubConnectionError, HubError, OutcomeUnknownError,
                          UnavailableError)

_BUSY = (503, {"Retry-After": "0"}, {"error": "Publish failed: the broker is unavailable; retry"})


class RetryTest(unittest.TestCase):

    def setUp(self) -> None:
        self.stub = StubHub()
        self.addCleanup(self.stub.close)

    def test_a_503_is_retried_with_the_same_ids(self) -> None:
        self.stub.script = [_BUSY, None]
        seqs = HubClient(self.stub.url).publish_many([{"topic": "logs", "type": "log", "message": "a"},
                                                      {"topic": "logs", "type": "log", "message": "b"}])
        self.assertEqual(seqs, [1, 2])
        first, second = self.stub.bodies()
        self.assertEqual(first, second)
        ids = [event["id"] for event in first]
        self.assertEqual(len(set(ids)), 2)
        self.assertTrue(all(isinstance(i, str) and len(i) == 32 for i in ids))

    def test_a_504_outcome_unknown_is_retried_with_the_same_id_and_reported_when_it_stays(self) -> None:
        unknown = (504, {"Retry-After": "0"}, {"error": "Publish outcome unknown: retry with the same event ids"})
        self.stub.script = [unknown, None]
        self.assertEqual(HubClient(self.stub.url).publish("logs", "log", message="a"), 1)
        first, second = self.stub.bodies()
        self.assertEqual(first, second)
        self.stub.script = [unknown] * 2
        with self.assertRaises(OutcomeUnknownError) as caught:
            HubClient(self.stub.url, retries=1).publish("logs", "log", message="b")
        self.assertEqual(caught.exception.status, 504)

    def test_the_async_client_retries_with_the_same_id(self) -> None:
        self.stub.script = [_BUSY, _BUSY, None]
        seq = asyncio.run(AsyncHubClient(self.stub.url).publish("logs", "log", message="a"))
        self.assertEqual(seq, 1)
        bodies = self.stub.bodies()
        self.assertEqual(len(bodies), 3)
        self.assertEqual(bodies[0], bodies[2])
        self.assertIn("id", bodies[0])

    def test_a_callers_id_is_kept(self) -> None:
        HubClient(self.stub.url).publish("logs", "log", id="mine", message="a")
        self.assertEqual(self.stub.bodies()[0]["id"], "mine")

    def test_retries_are_bounded_and_end_in_unavailable_with_the_hubs_message(self) -> None:
        self.stub.script = [_BUSY] * 3
        with self.assertRaises(UnavailableError) as caught:
            HubClient(self.stub.url, retries=2).publish("logs", "log", message="a")
        self.assertEqual(len(self.stub.requests), 3)
        self.assertEqual(caught.exception.status, 503)
        self.assertEqual(caught.exception.message, "Publish failed: the broker is unavailable; retry")

    def test_a_retry_after_beyond_the_time_bound_is_not_waited_for(self) -> None:
        self.stub.script = [(503, {"Retry-After": "60"}, {"error": "busy"})]
        started = time.monotonic()
        with self.assertRaises(UnavailableError) as caught:
            HubClient(self.stub.url, max_retry_time=5).publish("logs", "log", message="a")
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(caught.exception.retry_after, 60)
        self.assertEqual(len(self.stub.requests), 1)

    def test_other_errors_are_not_retried(self) -> None:
        self.stub.script = [(500, {}, {"error": "Internal error"})]
        with self.assertRaises(HubError) as caught:
            HubClient(self.stub.url).publish("logs", "log", message="a")
        self.assertEqual((caught.exception.status, caught.exception.message), (500, "Internal error"))
        self.assertEqual(len(self.stub.requests), 1)

    def test_an_unreachable_hub_is_a_connection_error(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaises(HubConnectionError) as caught:
            HubClient(f"http://127.0.0.1:{port}").publish("logs", "log", message="a")
        self.assertIsInstance(caught.exception, ConnectionError)
        self.assertIn(str(port), caught.exception.message)

    def test_bad_arguments_fail_fast_naming_the_parameter(self) -> None:
        for make, name in ((lambda: HubClient("hub:8000"), "base_url"), (lambda: HubClient(self.stub.url, timeout=0), "timeout"),
                           (lambda: HubClient(self.stub.url, retries=-1), "retries"),
                           (lambda: HubClient(self.stub.url).publish("", "log"), "topic"),
                           (lambda: HubClient(self.stub.url).publish_many([]), "events")):
            with self.assertRaises(ValueError) as caught:
                make()
            self.assertTrue(str(caught.exception).startswith(name + ":"), caught.exception)
        self.assertEqual(self.stub.requests, [])

    def test_emit_posts_the_event_and_returns_topic_and_seq(self) -> None:
        emitted = HubClient(self.stub.url, "k").emit("USER_LOGIN", {"user": "alice"})
        self.assertEqual((emitted.topic, emitted.seq), ("system", 7))
        path, headers, body = self.stub.requests[0]
        self.assertEqual((path, body), ("/api/events", {"event": "USER_LOGIN", "data": {"user": "alice"}}))
        self.assertEqual(headers["Authorization"], "Bearer k")

    def test_emit_is_not_retried_since_api_events_has_no_idempotency_id(self) -> None:
        self.stub.script = [_BUSY]
        with self.assertRaises(UnavailableError) as caught:
            HubClient(self.stub.url).emit("USER_LOGIN")
        self.assertEqual(caught.exception.retry_after, 0)
        self.assertEqual(len(self.stub.requests), 1)
        self.stub.script = [_BUSY]
        with self.assertRaises(UnavailableError):
            asyncio.run(AsyncHubClient(self.stub.url).emit("USER_LOGIN"))
        self.assertEqual(len(self.stub.requests), 2)


if __name__ == "__main__":
    unittest.main()
