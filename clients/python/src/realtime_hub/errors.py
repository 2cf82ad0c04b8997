"""The exceptions of the hub client: one type per answer a caller handles differently."""
from __future__ import annotations

from typing import Optional


class HubError(Exception):
    """A request to the hub failed; ``message`` is the hub's own ``error`` text when it gave one."""

    def __init__(self, message: str, status: Optional[int] = None, retry_after: Optional[float] = None) -> None:
        super().__init__(f"{status} {message}" if status is not None else message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


class BadRequestError(HubError):
    """400: the request was refused and nothing was published, e.g. ``Event 1: Unknown topic: nope``."""


class AuthError(HubError):
    """401: the API key is missing or wrong."""


class PayloadTooLargeError(HubError):
    """413: the body is over the hub's ``publish.max-body-bytes``."""


class UnavailableError(HubError):
    """503 still after the bounded retries: the broker is down, the hub is overloaded or draining."""


class OutcomeUnknownError(HubError):
    """504 still after the bounded retries: the hub's broker connection broke after the event was sent, so it may have
    been accepted; publishing it again with the same ``id`` answers its seq if it was."""


class HubConnectionError(HubError, ConnectionError):
    """The hub could not be reached or the connection broke (also a builtin :class:`ConnectionError`)."""


def error_for_status(status: int, message: str, retry_after: Optional[float] = None) -> HubError:
    """The exception for an HTTP error answer."""
    kinds = {400: BadRequestError, 401: AuthError, 413: PayloadTooLargeError, 503: UnavailableError,
             504: OutcomeUnknownError}
    return kinds.get(status, HubError)(message, status, retry_after)
