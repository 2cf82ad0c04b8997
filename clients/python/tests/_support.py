"""What the tests share: the hub under test (required, never skipped), a stub hub, and a tiny WebSocket client."""
from __future__ import annotations

import base64
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))


def hub_url() -> str:
    """The real hub the tests run against; missing is a failure, so a mis-wired build cannot pass silently."""
    url = os.environ.get("REALTIME_HUB_URL")
    if not url:
        raise AssertionError("REALTIME_HUB_URL is not set: these tests need a running hub "
                             "(mvn verify starts one in hub-app's PythonClientIT)")
    return url


def hub_key() -> str:
    """The API key of the hub under test; the hub must have api-keys set so the 401 test means something."""
    key = os.environ.get("REALTIME_HUB_API_KEY")
    if not key:
        raise AssertionError("REALTIME_HUB_API_KEY is not set: the hub under test must require an API key")
    return key


class StubHub:
    """An HTTP server standing in for the hub: answers from a script, records every request's path, headers, body."""

    def __init__(self) -> None:
        self.requests: List[Tuple[str, Dict[str, str], Any]] = []
        # each entry: (status, headers, body) or None for the normal answer
        self.script: List[Optional[Tuple[int, Dict[str, str], Dict[str, Any]]]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                stub.requests.append((self.path, dict(self.headers), body))
                scripted = stub.script.pop(0) if stub.script else None
                if scripted is None:
                    scripted = (200, {}, stub.normal_answer(self.path, body))
                status, headers, answer = scripted
                data = json.dumps(answer).encode("utf-8")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @staticmethod
    def normal_answer(path: str, body: Any) -> Dict[str, Any]:
        if path == "/api/events":
            return {"topic": "system", "seq": 7}
        count = len(body) if isinstance(body, list) else 1
        return {"seqs": list(range(1, count + 1))}

    def bodies(self) -> List[Any]:
        return [body for _, _, body in self.requests]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class WebSocket:
    """A minimal RFC 6455 client over a plain socket: enough to subscribe and watch events arrive."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        parts = urlsplit(base_url)
        self._sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        self._sock.sendall((f"GET /api/ws/realtime HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
                            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                           .encode("ascii"))
        self._buffer = b""
        while b"\r\n\r\n" not in self._buffer:
            self._buffer += self._read_some()
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status + b" ":
            raise AssertionError(f"WebSocket handshake refused: {head!r}")

    def _read_some(self) -> bytes:
        chunk = self._sock.recv(65536)
        if not chunk:
            raise AssertionError("the hub closed the WebSocket connection")
        return chunk

    def _take(self, n: int) -> bytes:
        while len(self._buffer) < n:
            self._buffer += self._read_some()
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self._sock.sendall(header + mask + masked)

    def send(self, message: Dict[str, Any]) -> None:
        self._send_frame(0x1, json.dumps(message).encode("utf-8"))

    def receive(self) -> Dict[str, Any]:
        """The next text frame, parsed; pings are answered on the way."""
        while True:
            first, second = self._take(2)
            opcode, n = first & 0x0F, second & 0x7F
            if n == 126:
                n = int.from_bytes(self._take(2), "big")
            elif n == 127:
                n = int.from_bytes(self._take(8), "big")
            payload = self._take(n)
            if opcode == 0x9:
                self._send_frame(0xA, payload)
            elif opcode == 0x8:
                raise AssertionError(f"the hub closed the WebSocket: {payload!r}")
            elif opcode == 0x1:
                return json.loads(payload.decode("utf-8"))

    def until(self, matches: Callable[[Dict[str, Any]], bool], timeout: float = 10.0) -> Dict[str, Any]:
        """Waits for the first frame that matches (a condition, not a fixed sleep); fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            frame = self.receive()
            if matches(frame):
                return frame
            seen.append(frame)
        raise AssertionError(f"no matching frame within {timeout} s; saw {seen}")

    def subscribe(self, topic: str) -> None:
        self.send({"action": "subscribe", "topic": topic})
        reply = self.until(lambda f: f.get("type") == "subscription" and f.get("topic") == topic)
        if not reply.get("success"):
            raise AssertionError(f"subscribe {topic} failed: {reply}")

    def close(self) -> None:
        self._sock.close()
