"""HubClient and AsyncHubClient: publishing to the hub over HTTP with idempotent, bounded retries on 503.

Every event gets an ``id`` (a uuid4, unless the caller set one) before the first attempt, and every retry sends the
very same body, so the hub's idempotency (``publish.idempotency-ms``) answers a repeated event with its first seq
instead of delivering it twice.
"""
from __future__ import annotations

import asyncio
import email.utils
import http.client
import json
import time
import uuid
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple
from urllib.parse import urlsplit

from .errors import HubConnectionError, HubError, error_for_status

_PUBLISH = "/api/publish"
_EVENTS = "/api/events"
_DEFAULT_RETRY_AFTER = 1.0


class Emitted(NamedTuple):
    """What ``POST /api/events`` answered: the topic the hub's bus routed the event to, and its seq."""
    topic: str
    seq: int


class _Answer(NamedTuple):
    status: int
    retry_after: Optional[float]
    body: bytes


class _Transport:
    """One HTTP request at a time to the hub, through http.client (what urllib uses underneath). Any thread."""

    def __init__(self, base_url: str, api_key: Optional[str], timeout: float) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url: expected http://host:port or https://host:port but was {base_url!r}")
        if timeout <= 0:
            raise ValueError(f"timeout: must be positive but was {timeout}")
        self.base_url = base_url.rstrip("/")
        self._https = parts.scheme == "https"
        self._netloc = parts.netloc
        self._prefix = parts.path.rstrip("/")
        self._timeout = timeout
        self._headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"

    def post(self, path: str, body: bytes) -> _Answer:
        connection_type = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        connection = connection_type(self._netloc, timeout=self._timeout)
        try:
            try:
                connection.request("POST", self._prefix + path, body=body, headers=self._headers)
            except (BrokenPipeError, ConnectionResetError):
                # The hub answers 413 and closes before reading a body over its limit: the answer is still there.
                pass
            response = connection.getresponse()
            data = response.read()
            return _Answer(response.status, _retry_after(response.getheader("Retry-After")), data)
        except (OSError, http.client.HTTPException) as e:
            raise HubConnectionError(f"cannot reach the hub at {self.base_url}: {e}") from e
        finally:
            connection.close()


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _error(answer: _Answer) -> HubError:
    try:
        message = json.loads(answer.body.decode("utf-8"))["error"]
        if not isinstance(message, str):
            raise TypeError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        # not the hub's answer: a proxy's error page, say
        message = answer.body.decode("utf-8", "replace").strip() or "(no body)"
    return error_for_status(answer.status, message, answer.retry_after)


def _json(answer: _Answer) -> Any:
    try:
        return json.loads(answer.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise HubError(f"unexpected answer from the hub: {answer.body[:200]!r}", answer.status) from e


def _event(topic: str, type: str, fields: Mapping[str, Any]) -> Dict[str, Any]:
    if not isinstance(topic, str) or not topic:
        raise ValueError(f"topic: must be a non-empty string but was {topic!r}")
    if not isinstance(type, str) or not type:
        raise ValueError(f"type: must be a non-empty string but was {type!r}")
    return {"topic": topic, "type": type, **fields}


def _with_ids(events: Iterable[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    out = []
    for i, event in enumerate(events):
        if not isinstance(event, Mapping):
            raise TypeError(f"events[{i}]: expected a mapping but was {type(event).__name__}")
        copy = dict(event)
        if copy.get("id") is None:
            copy["id"] = uuid.uuid4().hex
        out.append(copy)
    if not out:
        raise ValueError("events: expected at least one event")
    return out


def _seqs(answer: _Answer, expected: int) -> List[int]:
    body = _json(answer)
    seqs = body.get("seqs") if isinstance(body, dict) else None
    if not isinstance(seqs, list) or len(seqs) != expected:
        raise HubError(f"unexpected answer from the hub: {body!r}", answer.status)
    return [int(s) for s in seqs]


def _emitted(answer: _Answer) -> Emitted:
    body = _json(answer)
    if not isinstance(body, dict) or "seq" not in body or "topic" not in body:
        raise HubError(f"unexpected answer from the hub: {body!r}", answer.status)
    return Emitted(str(body["topic"]), int(body["seq"]))


def _emit_body(event_name: str, data: Any) -> bytes:
    if not isinstance(event_name, str) or not event_name:
        raise ValueError(f"event_name: must be a non-empty string but was {event_name!r}")
    return json.dumps({"event": event_name, "data": data}).encode("utf-8")


class _RetryPolicy:
    """Bounded retries on 503 (nothing accepted) and 504 (outcome unknown: the hub lost its broker's answer): at most
    ``retries`` more attempts, none starting after ``max_retry_time`` seconds. Both are safe to retry because every
    event carries its ``id``: one the hub did accept answers its first seq."""

    def __init__(self, retries: int, max_retry_time: float) -> None:
        if retries < 0:
            raise ValueError(f"retries: must be 0 or more but was {retries}")
        if max_retry_time < 0:
            raise ValueError(f"max_retry_time: must be 0 or more but was {max_retry_time}")
        self.retries = retries
        self.max_retry_time = max_retry_time

    def wait_before_retry(self, answer: _Answer, attempt: int, started: float) -> Optional[float]:
        """Seconds to wait before the next attempt, or None when the answer is final."""
        if answer.status not in (503, 504) or attempt >= self.retries:
            return None
        wait = answer.retry_after if answer.retry_after is not None else _DEFAULT_RETRY_AFTER
        if time.monotonic() - started + wait > self.max_retry_time:
            return None
        return wait


def _final(answer: _Answer) -> _Answer:
    if 200 <= answer.status < 300:
        return answer
    raise _error(answer)


class HubClient:
    """A blocking client of the hub's HTTP API; thread-safe (each request opens its own connection).

    :param base_url: the hub, e.g. ``http://hub:8000``
    :param api_key: sent as ``Authorization: Bearer <key>`` when the hub has ``api-keys``
    :param timeout: seconds for connecting and for each read
    :param retries: how many times a 503 is retried (after ``Retry-After``), with the same event ids
    :param max_retry_time: no retry starts later than this many seconds after the first attempt
    """

    def __init__(self, base_url: str, api_key: Optional[str] = None, timeout: float = 10.0, retries: int = 3,
                 max_retry_time: float = 30.0) -> None:
        self._transport = _Transport(base_url, api_key, timeout)
        self._policy = _RetryPolicy(retries, max_retry_time)

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    def publish(self, topic: str, type: str, **fields: Any) -> int:
        """Publishes one event ``{"topic", "type", **fields}`` (sent as one JSON object) and returns its seq."""
        event = _with_ids([_event(topic, type, fields)])[0]
        return _seqs(self._post(_PUBLISH, json.dumps(event).encode("utf-8")), 1)[0]

    def publish_many(self, events: Iterable[Mapping[str, Any]]) -> List[int]:
        """Publishes events (mappings with ``topic`` and ``type``) in one request; returns their seqs, in order."""
        batch = _with_ids(events)
        answer = self._post(_PUBLISH, json.dumps(batch).encode("utf-8"))
        return _seqs(answer, len(batch))

    def emit(self, event_name: str, data: Any = None) -> Emitted:
        """Sends an application event through ``POST /api/events``: the hub's bus routes decide its topic.

        ``event_name`` must be an event name as the hub accepts it (``[A-Z][A-Z0-9_]*``, e.g. ``ALERT_DISK_FULL``).
        Not retried: the endpoint has no idempotency ``id``, so a 503 raises :class:`UnavailableError` at once
        (with ``retry_after``) rather than risk emitting twice.
        """
        return _emitted(self._post(_EVENTS, _emit_body(event_name, data), retry=False))

    def _post(self, path: str, body: bytes, retry: bool = True) -> _Answer:
        started = time.monotonic()
        attempt = 0
        while True:
            answer = self._transport.post(path, body)
            wait = self._policy.wait_before_retry(answer, attempt, started) if retry else None
            if wait is None:
                return _final(answer)
            time.sleep(wait)
            attempt += 1


class AsyncHubClient:
    """The asyncio twin of :class:`HubClient`: each request runs on the loop's default thread executor
    (http.client is blocking); retry waits are ``asyncio.sleep``, so the loop is never blocked.
    """

    def __init__(self, base_url: str, api_key: Optional[str] = None, timeout: float = 10.0, retries: int = 3,
                 max_retry_time: float = 30.0) -> None:
        self._transport = _Transport(base_url, api_key, timeout)
        self._policy = _RetryPolicy(retries, max_retry_time)

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    async def publish(self, topic: str, type: str, **fields: Any) -> int:
        """Publishes one event ``{"topic", "type", **fields}`` (sent as one JSON object) and returns its seq."""
        event = _with_ids([_event(topic, type, fields)])[0]
        return _seqs(await self._post(_PUBLISH, json.dumps(event).encode("utf-8")), 1)[0]

    async def publish_many(self, events: Iterable[Mapping[str, Any]]) -> List[int]:
        """Publishes events in one request; returns their seqs, in order."""
        batch = _with_ids(events)
        answer = await self._post(_PUBLISH, json.dumps(batch).encode("utf-8"))
        return _seqs(answer, len(batch))

    async def emit(self, event_name: str, data: Any = None) -> Emitted:
        """Sends an application event through ``POST /api/events``; not retried, as :meth:`HubClient.emit`."""
        return _emitted(await self._post(_EVENTS, _emit_body(event_name, data), retry=False))

    async def _post(self, path: str, body: bytes, retry: bool = True) -> _Answer:
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        attempt = 0
        while True:
            answer = await loop.run_in_executor(None, self._transport.post, path, body)
            wait = self._policy.wait_before_retry(answer, attempt, started) if retry else None
            if wait is None:
                return _final(answer)
            await asyncio.sleep(wait)
            attempt += 1


__all__: Tuple[str, ...] = ("HubClient", "AsyncHubClient", "Emitted")
