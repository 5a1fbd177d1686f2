"""Remote matches: two clients, one seat each, in lock step (OpenMatch / PlayMatch).

    # client A (opens the match and plays seat 0)
    ticket = open_match("server:50051", "atari84", seed=7)
    send_to_opponent(ticket.ticket)
    with MatchSeat(ticket, seat=0, address="server:50051") as me:
        obs, info = me.reset()                    # waits until seat 1 has joined
        obs, reward, terminated, truncated, info = me.step(action)

    # client B (anywhere else)
    with MatchSeat("<ticket hex>", seat=1, address="server:50051") as me: ...
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np

from . import spaces
from ._proto import pb
from .client import DEFAULT_ADDRESS, ArenaClient, Stream

INFO_FIELDS = ("self_health", "opponent_health", "self_rounds", "opponent_rounds", "round", "timer", "outcome", "seat",
               "episode_frames", "ladder_stage", "self_character", "opponent_character")
"""The per-agent info fields of docs/env-api.md, for seats that only have a ticket string (a MatchTicket, like
CreateArenas, carries the server's own list; the tests check that the two agree)."""


@dataclass(frozen=True)
class MatchTicket:
    """An open match: give ``ticket`` (32 hex digits) to the opponent; it is the key to seat 1."""

    ticket: str
    arena_id: int
    observation_shape: tuple[int, ...]
    action_spec: Any = field(repr=False)
    info_fields: tuple[str, ...]

    @property
    def observation_space(self) -> Any:
        return spaces.box(self.observation_shape)

    @property
    def action_space(self) -> Any:
        return spaces.action(self.action_spec)


def open_match(address: str = DEFAULT_ADDRESS, preset: str = "default", settings: Optional[Mapping[str, Any]] = None,
               seed: int = 0, *, token: Optional[str] = None, client: Optional[ArenaClient] = None) -> MatchTicket:
    """Opens a two_player match on the server; the episode is seeded with ``seed`` when both seats join."""
    c = client if client is not None else ArenaClient(address, token=token)
    try:
        t = c.open_match(preset, settings, seed)
    finally:
        if client is None:
            c.close()
    return MatchTicket(t.ticket, t.arena_id, tuple(t.observation.shape), t.action, tuple(t.info_fields))


class MatchSeat:
    """One seat of a remote match, Gymnasium-style: :meth:`reset` once, then :meth:`step` per action.

    - observation: ``uint8[C * frame_stack, H, W]``, this seat's view (the full stack; a read-only
      view of the answer's bytes).
    - reward: this seat's; terminated / truncated: bool; info: ``{field: int}`` from this seat's
      point of view (plus ``"state"`` with ``state_vector=true``) and ``"step"``, the server's step count.

    The server steps when both seats have sent an action. Episodes follow the match's autoreset
    setting (default next-step: after terminated or truncated, the next step starts a new episode and
    ignores the actions). If the opponent leaves, the next call raises UnavailableError; leaving
    (close) ends the match for both.

    Args:
        ticket: a :class:`MatchTicket` or its ``ticket`` string.
        seat: 0 (the opener) or 1.
        address, token, client, timeout: as for :class:`ArenaClient`; ``timeout`` also bounds the wait
            for the opponent's action and for the opponent to join.
        observation_shape: ``(C * frame_stack, H, W)``; taken from a MatchTicket, needed with a ticket
            string to get shaped observations (else they are flat ``uint8[C * frame_stack * H * W]``).
    """

    def __init__(self, ticket: Union[MatchTicket, str], seat: int, *, address: str = DEFAULT_ADDRESS,
                 token: Optional[str] = None, client: Optional[ArenaClient] = None, timeout: float = 60.0,
                 observation_shape: Optional[Sequence[int]] = None) -> None:
        self.ticket = ticket.ticket if isinstance(ticket, MatchTicket) else str(ticket)
        self.seat = int(seat)
        if observation_shape is None and isinstance(ticket, MatchTicket):
            observation_shape = ticket.observation_shape
        self._shape = tuple(observation_shape) if observation_shape is not None else None
        self._own_client = client is None
        self.client = client if client is not None else ArenaClient(address, token=token, timeout=timeout)
        self._stream: Optional[Stream] = None
        self.info_fields: tuple[str, ...] = ticket.info_fields if isinstance(ticket, MatchTicket) else INFO_FIELDS

    def reset(self, *, seed: Optional[int] = None, options: Optional[Mapping[str, Any]] = None) -> tuple[np.ndarray, dict[str, Any]]:
        """Joins the match and waits for the first observation (both seats joined). Once per seat:
        the match's seed was fixed by open_match, so ``seed`` must be None."""
        if seed is not None:
            raise ValueError("a match is seeded when it is opened (open_match(seed=...)), not by a seat")
        if self._stream is not None:
            raise RuntimeError("reset() joins the match once; episodes then follow each other in step()")
        self._stream = Stream(self.client, "PlayMatch")
        r = self._stream.call(pb.SeatAction(ticket=self.ticket, seat=self.seat))
        obs, _, _, _, info = self._unpack(r)
        return obs, info

    def step(self, action: Any) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Sends this seat's action and waits for the step (both seats acted)."""
        if self._stream is None:
            raise RuntimeError("call reset() first: it joins the match")
        a = np.asarray(action)
        if a.ndim == 1:  # multi_binary bits
            a = (a.astype(np.int64) << np.arange(a.size)).sum()
        return self._unpack(self._stream.call(pb.SeatAction(action=int(a))))

    def _unpack(self, r: Any) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        obs = np.frombuffer(r.observation, dtype=np.uint8)
        if self._shape is not None:
            obs = obs.reshape(self._shape)
        info: dict[str, Any] = {name: int(v) for name, v in zip(self.info_fields, r.info)}
        if len(r.state):
            info["state"] = np.array(r.state, dtype=np.float32)
        info["step"] = int(r.step)
        return obs, float(r.reward), bool(r.terminated), bool(r.truncated), info

    def close(self) -> None:
        """Leaves the match: the stream is cancelled, so the server closes the match and the opponent's next
        call raises UnavailableError ("the opponent left the match"). Closes the connection if owned."""
        try:
            if self._stream is not None:
                self._stream.cancel()
        finally:
            if self._own_client:
                self.client.close()

    def __enter__(self) -> "MatchSeat":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
