"""gRPC failures as Python exceptions that keep the server's status code and message."""
from __future__ import annotations

from typing import Optional

import grpc


class KumiteError(Exception):
    """A call the arena server refused or could not answer.

    Attributes:
        code: the gRPC status (``grpc.StatusCode.INVALID_ARGUMENT``, ...).
        status: its name, e.g. ``"INVALID_ARGUMENT"`` (docs/api.md lists when each is used).
        message: the server's description, e.g. ``"bad arena config: frame_skip must be in 1..32, got 0"``.
        method: the rpc that failed, e.g. ``"CreateArenas"`` (empty when unknown).
    """

    def __init__(self, code: grpc.StatusCode, message: str, method: str = "") -> None:
        self.code = code
        self.status = code.name
        self.message = message
        self.method = method
        super().__init__(f"{self.status}: {message}" + (f" ({method})" if method else ""))


class InvalidArgumentError(KumiteError):
    """INVALID_ARGUMENT: a bad config, action, id list or batch size."""


class NotFoundError(KumiteError):
    """NOT_FOUND: an unknown, closed, reaped or foreign arena; an unknown match ticket."""


class AlreadyExistsError(KumiteError):
    """ALREADY_EXISTS: a match seat that is taken."""


class FailedPreconditionError(KumiteError):
    """FAILED_PRECONDITION: Step before Reset, Step after the episode with autoreset disabled, ..."""


class ResourceExhaustedError(KumiteError):
    """RESOURCE_EXHAUSTED: an arena limit, or a message over the server's size limit."""


class UnauthenticatedError(KumiteError):
    """UNAUTHENTICATED: a missing or unknown bearer token."""


class UnavailableError(KumiteError):
    """UNAVAILABLE: the server is unreachable or draining, or the match opponent left."""


class DeadlineExceededError(KumiteError):
    """DEADLINE_EXCEEDED: no answer within the client's timeout."""


class InternalError(KumiteError):
    """INTERNAL: a bug in the server (it logs the stack trace)."""


_BY_CODE = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.NOT_FOUND: NotFoundError,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExistsError,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPreconditionError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    grpc.StatusCode.UNAUTHENTICATED: UnauthenticatedError,
    grpc.StatusCode.UNAVAILABLE: UnavailableError,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceededError,
    grpc.StatusCode.INTERNAL: InternalError,
}


def from_rpc_error(error: grpc.RpcError, method: str = "") -> KumiteError:
    """The KumiteError (subclass by status code) for a grpc.RpcError; raise it ``from error``."""
    code: Optional[grpc.StatusCode] = error.code() if hasattr(error, "code") else None
    details = error.details() if hasattr(error, "details") else None
    if code is None:
        code = grpc.StatusCode.UNKNOWN
    return _BY_CODE.get(code, KumiteError)(code, details or str(error), method)
