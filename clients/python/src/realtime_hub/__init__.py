"""Python client of realtime-hub: publish events over the hub's HTTP API, blocking or with asyncio."""
from .client import AsyncHubClient, Emitted, HubClient
from .errors import (AuthError, BadRequestError, HubConnectionError, HubError, OutcomeUnknownError,
                     PayloadTooLargeError, UnavailableError)

__all__ = ["HubClient", "AsyncHubClient", "Emitted", "HubError", "BadRequestError", "AuthError",
           "PayloadTooLargeError", "UnavailableError", "OutcomeUnknownError", "HubConnectionError"]
__version__ = "0.1.0"
