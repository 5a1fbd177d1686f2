"""ArenaClient: one connection to an arena server and the kumite.v1.Arena calls, with errors as KumiteError."""
from __future__ import annotations

import queue
import threading
from typing import Any, Mapping, Optional, Sequence

import grpc

from ._proto import ArenaStub, pb
from .errors import KumiteError, from_rpc_error

DEFAULT_ADDRESS = "localhost:50051"
_END = object()


class ArenaClient:
    """A channel (its own connection) to one arena server (``host:port``) and its calls.

    Every unary call has a deadline of ``timeout`` seconds and raises :class:`KumiteError` (a subclass
    per status code) with the server's status and message. Without ``--auth-token-file`` on the
    server, each client (each connection) owns the arenas it creates; with tokens, the token does.

    Args:
        address: ``host:port`` of ``./kumite serve``.
        token: bearer token for servers started with ``--auth-token-file``; None for none.
        timeout: seconds one call (or one streamed answer) may take.
        credentials: ``grpc.ssl_channel_credentials(...)`` for a server started with ``--tls-cert``;
            None for plaintext.
        max_message_bytes: the largest answer accepted (observations of a whole batch).
    """

    def __init__(self, address: str = DEFAULT_ADDRESS, *, token: Optional[str] = None, timeout: float = 60.0,
                 credentials: Optional[grpc.ChannelCredentials] = None, max_message_bytes: int = 256 << 20) -> None:
        options = [("grpc.max_receive_message_length", max_message_bytes),
                   ("grpc.max_send_message_length", max_message_bytes),
                   # Its own connection: gRPC would otherwise share one between channels to the same address,
                   # and without tokens the server tells clients apart by connection.
                   ("grpc.use_local_subchannel_pool", 1)]
        self.address = address
        self.timeout = timeout
        self.channel = (grpc.secure_channel(address, credentials, options) if credentials is not None
                        else grpc.insecure_channel(address, options))
        self.stub = ArenaStub(self.channel)
        self.metadata: Optional[tuple[tuple[str, str], ...]] = (
            (("authorization", "Bearer " + token),) if token else None)

    def call(self, method: str, request: Any) -> Any:
        """Calls the unary rpc ``method`` (e.g. ``"Step"``) with a deadline; raises KumiteError."""
        try:
            return getattr(self.stub, method)(request, timeout=self.timeout, metadata=self.metadata)
        except grpc.RpcError as e:
            raise from_rpc_error(e, method) from e

    # The calls of docs/api.md, with Python arguments.

    def server_info(self) -> Any:
        """ServerInfo: version, roster, presets, default settings and limits."""
        return self.call("GetServerInfo", pb.GetServerInfoRequest())

    def create_arenas(self, count: int, preset: str = "", settings: Optional[Mapping[str, Any]] = None,
                      base_seed: int = 0) -> Any:
        """CreateArenasResponse for ``count`` arenas; arena i is seeded ``base_seed + i`` on its first reset.
        Setting values may be str, int, float or bool (sent as strings, bools as "true"/"false")."""
        return self.call("CreateArenas", pb.CreateArenasRequest(
            count=count, preset=preset, settings=settings_strings(settings), base_seed=base_seed))

    def reset(self, arena_ids: Sequence[int], seeds: Optional[Sequence[int]] = None, newest_frame: bool = False) -> Any:
        """StepResponse with the first observations; ``seeds`` None = no reseeding, else one per arena."""
        return self.call("Reset", pb.ResetRequest(arena_ids=arena_ids, seeds=seeds or (),
                                                  observation_transfer=pb.NEWEST_FRAME if newest_frame else pb.FULL))

    def step(self, arena_ids: Sequence[int], actions: Sequence[int], newest_frame: bool = False) -> Any:
        """StepResponse for one batch (unary); ``actions``: agents_per_arena per arena, arena-major."""
        return self.call("Step", pb.StepRequest(arena_ids=arena_ids, actions=actions,
                                                observation_transfer=pb.NEWEST_FRAME if newest_frame else pb.FULL))

    def close_arenas(self, arena_ids: Sequence[int]) -> int:
        """Closes arenas; returns how many closed."""
        return self.call("CloseArenas", pb.CloseArenasRequest(arena_ids=arena_ids)).closed

    def open_match(self, preset: str = "", settings: Optional[Mapping[str, Any]] = None, seed: int = 0) -> Any:
        """MatchTicket of a new two-client match (see kumite.match)."""
        return self.call("OpenMatch", pb.OpenMatchRequest(preset=preset, settings=settings_strings(settings), seed=seed))

    def list_replays(self, limit: int = 0) -> list[tuple[str, int]]:
        """(name, bytes) of the server's replays, newest first (servers with --replay-dir)."""
        return [(r.name, r.bytes) for r in self.call("ListReplays", pb.ListReplaysRequest(limit=limit)).replays]

    def get_replay(self, name: str) -> bytes:
        """One .kreplay file's bytes."""
        return self.call("GetReplay", pb.GetReplayRequest(name=name)).data

    def step_stream(self) -> "Stream":
        """A StepStream: ``stream.call(StepRequest) -> StepResponse`` over one long-lived stream."""
        return Stream(self, "StepStream")

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> "ArenaClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class Stream:
    """One bidirectional stream (StepStream or PlayMatch) used in lock step: send one request, read one answer.

    Requests go through a queue that gRPC's sender thread drains; answers are read by a reader thread
    into a queue, so a missing answer raises DEADLINE_EXCEEDED after ``client.timeout`` seconds
    instead of hanging. A failed stream raises the server's status as KumiteError and is then closed.
    """

    def __init__(self, client: ArenaClient, method: str) -> None:
        self.method = method
        self.timeout = client.timeout
        self._requests: "queue.SimpleQueue[Any]" = queue.SimpleQueue()
        self._answers: "queue.SimpleQueue[Any]" = queue.SimpleQueue()
        self._call = getattr(client.stub, method)(iter(self._requests.get, _END), metadata=client.metadata)
        self._reader = threading.Thread(target=self._read, name="kumite-" + method, daemon=True)
        self._reader.start()
        self.closed = False

    def _read(self) -> None:
        try:
            for answer in self._call:
                self._answers.put(answer)
            self._answers.put(KumiteError(grpc.StatusCode.UNAVAILABLE, "the server ended the stream", self.method))
        except grpc.RpcError as e:
            self._answers.put(from_rpc_error(e, self.method))
        except Exception as e:  # noqa: BLE001 - handed to the caller
            self._answers.put(e)

    def send(self, request: Any) -> None:
        """Sends one request without waiting (pair with :meth:`receive`)."""
        if self.closed:
            raise KumiteError(grpc.StatusCode.FAILED_PRECONDITION, "this stream is closed", self.method)
        self._requests.put(request)

    def receive(self, timeout: Optional[float] = None) -> Any:
        """The next answer; raises the stream's KumiteError, or DEADLINE_EXCEEDED after the timeout."""
        try:
            answer = self._answers.get(timeout=self.timeout if timeout is None else timeout)
        except queue.Empty:
            self.close()
            raise KumiteError(grpc.StatusCode.DEADLINE_EXCEEDED,
                              f"no answer on {self.method} within {self.timeout:g} s", self.method) from None
        if isinstance(answer, BaseException):
            self.close()
            raise answer
        return answer

    def call(self, request: Any) -> Any:
        """Sends one request and returns its answer."""
        self.send(request)
        return self.receive()

    def close(self, wait: float = 2.0) -> None:
        """Half-closes the stream, waits up to ``wait`` seconds for the server to finish it, then cancels
        it if it is still open. (A StepStream's arenas stay open after a clean finish, not after a cancel.)"""
        if not self.closed:
            self.closed = True
            self._requests.put(_END)
            if threading.current_thread() is not self._reader:
                self._reader.join(wait)
        self._call.cancel()

    def cancel(self) -> None:
        """Cancels the stream at once (the server sees the client go: a match seat leaves)."""
        self.closed = True
        self._requests.put(_END)
        self._call.cancel()


def settings_strings(settings: Optional[Mapping[str, Any]]) -> dict[str, str]:
    """Settings as the protocol's string map: bools as "true"/"false", numbers with str()."""
    out: dict[str, str] = {}
    for k, v in (settings or {}).items():
        out[str(k)] = ("true" if v else "false") if isinstance(v, bool) else str(v)
    return out
