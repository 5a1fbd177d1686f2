"""KumiteVecEnv: a batch of arenas on one server, stepped together, results as numpy arrays."""
from __future__ import annotations

import enum
import time
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np

from . import spaces
from ._proto import pb
from .client import DEFAULT_ADDRESS, ArenaClient, Stream

SeedArg = Union[None, int, Sequence[int]]

try:  # optional: a real gymnasium.vector.VectorEnv when Gymnasium is there
    from gymnasium.vector import VectorEnv as _VecBase  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the machine
    _VecBase = object
try:
    from gymnasium.vector import AutoresetMode  # type: ignore[import-not-found]  # Gymnasium >= 1.1
except ImportError:
    class AutoresetMode(enum.Enum):  # type: ignore[no-redef]
        """Stand-in for ``gymnasium.vector.AutoresetMode`` (same names and values) where Gymnasium is absent."""

        NEXT_STEP = "NextStep"
        SAME_STEP = "SameStep"
        DISABLED = "Disabled"

RENDER_MODES = ["rgb_array"]


def render_frame(obs: np.ndarray, frame_stack: int, scale: int) -> np.ndarray:
    """An RGB picture ``uint8[H * scale, W * scale, 3]`` of one observation ``[C, H, W]``: its newest frame
    (grayscale repeated into three channels), or the three channels as they are for ``interleave``."""
    c = obs.shape[0] // frame_stack
    frame = obs[-c:] if c in (1, 3) else obs[-3:]
    img = np.repeat(frame, 3, axis=0) if frame.shape[0] == 1 else frame
    img = np.transpose(img, (1, 2, 0))
    if scale > 1:
        img = np.repeat(np.repeat(img, scale, axis=0), scale, axis=1)
    return np.ascontiguousarray(img)


class KumiteVecEnv(_VecBase):  # type: ignore[misc]
    """``num_envs`` arenas of one configuration, stepped as one batch (Gymnasium vector-env style).

    Results are per *slot*: slot ``env * num_agents + agent``, ``num_slots = num_envs * num_agents``
    (one agent per arena in ``vs_cpu``, two in ``two_player`` self-play; both see the same screen).

    - observations: ``uint8[num_slots, C * frame_stack, H, W]``, channels-first, oldest frame first
      (``atari84``: ``[n, 4, 84, 84]``). Read-only arrays: with the full transfer they are views of the
      answer's bytes (``np.frombuffer``, no copy); with the newest frame only (the default when the
      config allows it, as in the Java ``RemoteVecEnv``) the stack is kept here, one new array per step.
      Copy (``np.array(obs)``) before writing into one.
    - rewards: ``float32[num_slots]``; terminated, truncated: ``bool[num_slots]``.
    - info: a dict of ``int32[num_slots]`` arrays, one per field of ``info_fields`` (``self_health``,
      ..., ``episode_frames``: docs/env-api.md), plus ``"infos"`` (``int32[num_slots, 12]``, all of
      them) and, with ``state_vector=true``, ``"states"`` (``float32[num_slots, 56]``).
    - actions: ``num_slots`` ints, arena-major (discrete index, or the 10-bit mask with
      ``actions=multi_binary``; a ``[num_slots, 10]`` 0/1 array is turned into masks).

    Autoreset is the server's (Gymnasium's next-step rule): the step that returns terminated or
    truncated returns the final observation; the next step ignores that slot's actions and returns
    the first observation of a new episode with reward 0.

    ``metadata["autoreset_mode"]`` says which, as ``gymnasium.vector.AutoresetMode`` (NEXT_STEP, or
    DISABLED with ``autoreset=disabled``; a stand-in enum of the same names without Gymnasium). With
    either, ``reset(options={"reset_mask": mask})`` resets only the arenas where ``mask`` (bool[num_envs])
    is true; the others keep their observation and info.

    On the step that ends an episode, ``info["episode"]`` holds ``{"r": float32, "l": int32, "t":
    float32}`` arrays (return, agent steps, seconds; zero where no episode ended) and
    ``info["_episode"]`` the bool mask, as Gymnasium's ``RecordEpisodeStatistics`` writes them; the
    autoreset step is not counted.

    ``render_mode="rgb_array"``: :meth:`render` returns one RGB picture per slot of what the agent
    sees (the newest frame of its observation, grayscale as three channels, enlarged ``render_scale``
    times), for video recorders.

    When Gymnasium is importable the class is a ``gymnasium.vector.VectorEnv`` (written against
    Gymnasium 1.1's documented API; Kumite's tests run where Gymnasium is absent, so that path is
    untested here). Its batch is ``num_envs`` wide in ``vs_cpu``; in ``two_player`` it is
    ``num_slots`` = 2 x ``num_envs`` wide, which Gymnasium's vector wrappers do not expect.

    Seeding: arena i is seeded ``seed + i`` on the first :meth:`reset`; ``reset(seed=s)`` reseeds
    arena i with ``s + i`` (or with ``seeds[i]`` for a list); ``reset()`` starts the next episodes
    without reseeding. The same seed gives the same observations, rewards and infos.

    Args:
        num_envs: arenas (1..the server's max_batch).
        preset: "atari84" (= "default") or "fightladder".
        settings: overrides by the names of docs/env-api.md, e.g. ``{"cpu_level": 4, "mode": "two_player"}``.
        address: ``host:port`` of ``./kumite serve``; ignored when ``client`` is given.
        seed: base seed of the first reset.
        token: bearer token, for servers with ``--auth-token-file``.
        client: an :class:`ArenaClient` to share (it then stays open on close()).
        observation_transfer: "auto" (newest frame when allowed), "full" or "newest_frame".
        transport: "stream" (one StepStream, the lowest latency) or "unary" (one Step call per batch).
        timeout: seconds one call may take.
        render_mode: None or "rgb_array".
        render_scale: how many times :meth:`render` enlarges the observation (default: to at least 256 pixels high).
    """

    metadata: dict[str, Any] = {"autoreset_mode": AutoresetMode.NEXT_STEP, "render_modes": RENDER_MODES}

    def __init__(self, num_envs: int = 1, preset: str = "default", settings: Optional[Mapping[str, Any]] = None, *,
                 address: str = DEFAULT_ADDRESS, seed: int = 0, token: Optional[str] = None,
                 client: Optional[ArenaClient] = None, observation_transfer: str = "auto",
                 transport: str = "stream", timeout: float = 60.0, render_mode: Optional[str] = None,
                 render_scale: Optional[int] = None) -> None:
        if render_mode is not None and render_mode not in RENDER_MODES:
            raise ValueError(f"render_mode must be None or one of {RENDER_MODES}, got {render_mode!r}")
        self.render_mode = render_mode
        self.closed = False
        if transport not in ("stream", "unary"):
            raise ValueError(f"transport must be 'stream' or 'unary', got {transport!r}")
        if observation_transfer not in ("auto", "full", "newest_frame"):
            raise ValueError(f"observation_transfer must be 'auto', 'full' or 'newest_frame', got {observation_transfer!r}")
        self._own_client = client is None
        self.client = client if client is not None else ArenaClient(address, token=token, timeout=timeout)
        self.arena_ids: list[int] = []
        self._stream: Optional[Stream] = None
        try:
            created = self.client.create_arenas(num_envs, preset, settings, seed)
        except BaseException:
            self.close()
            raise
        self.arena_ids = list(created.arena_ids)
        self.num_envs = len(self.arena_ids)
        self.num_agents: int = created.agents_per_arena
        self.num_slots = self.num_envs * self.num_agents
        self.config: dict[str, str] = dict(created.config)
        """The full effective configuration (every setting, as strings)."""
        self.info_fields: tuple[str, ...] = tuple(created.info_fields)
        self.state_vector_length: int = created.state_vector_length
        self.observation_shape: tuple[int, ...] = tuple(created.observation.shape)
        self.action_spec = created.action
        """The protocol's action Space (kind "discrete" with n = 22, or "multi_binary" with n = 10)."""
        interleave = self.config.get("interleave") == "true"
        stack = int(self.config.get("frame_stack", "1"))
        self.frame_stack = 1 if interleave else stack
        c, h, w = self.observation_shape
        self._frame_shape = (c // self.frame_stack, h, w)
        # The server says whether these arenas can send the newest frame only (FrameStackCodec's rule).
        newest = observation_transfer == "newest_frame" or (observation_transfer == "auto" and created.newest_frame_allowed)
        self._transfer = pb.NEWEST_FRAME if newest else pb.FULL
        self._transport = transport
        self._episode_frames = self.info_fields.index("episode_frames")
        self._obs: Optional[np.ndarray] = None
        self._in_flight = False
        self._multi_binary = self.action_spec.kind == "multi_binary"
        self._bits = (1 << np.arange(self.action_spec.n, dtype=np.int64)) if self._multi_binary else None

        self.single_observation_space = spaces.box(self.observation_shape)
        self.single_action_space = spaces.action(self.action_spec)
        self.observation_space = spaces.box((self.num_slots, *self.observation_shape))
        self.action_space = spaces.batched_action(self.action_spec, self.num_slots)
        next_step = self.config.get("autoreset", "next_step") == "next_step"
        self.metadata = {"autoreset_mode": AutoresetMode.NEXT_STEP if next_step else AutoresetMode.DISABLED,
                         "render_modes": RENDER_MODES, "render_fps": 60 / int(self.config.get("frame_skip", "4"))}
        self.render_scale = int(render_scale) if render_scale else max(1, -(-256 // self.observation_shape[1]))
        self._infos: Optional[np.ndarray] = None
        self._states: Optional[np.ndarray] = None
        # Episode statistics per slot (info["episode"]): return, agent steps, start time, autoreset step due.
        self._ep_return = np.zeros(self.num_slots, dtype=np.float64)
        self._ep_length = np.zeros(self.num_slots, dtype=np.int64)
        self._ep_start = np.full(self.num_slots, time.perf_counter())
        self._ep_pending = np.zeros(self.num_slots, dtype=bool)

    # Gymnasium-style API

    def reset(self, *, seed: SeedArg = None, options: Optional[Mapping[str, Any]] = None) -> tuple[np.ndarray, dict[str, Any]]:
        """Starts new episodes in every arena. Returns ``(observations, info)`` (shapes in the class doc).

        ``seed``: None (first reset: ``seed + i`` of the constructor; later: no reseeding), an int
        ``s`` (arena i gets ``s + i``) or one seed per arena. ``options={"reset_mask": bool[num_envs]}``
        resets only those arenas (seeds apply to them alone); other options are ignored.
        """
        mask = None if not options or options.get("reset_mask") is None else np.asarray(options["reset_mask"])
        if mask is not None:
            if mask.shape != (self.num_envs,) or mask.dtype != np.bool_:
                raise ValueError(f"reset_mask must be a bool array of shape ({self.num_envs},) (one per arena), "
                                 f"got {mask.dtype} {mask.shape}")
            if not mask.all():
                return self._reset_some(mask, seed)
        if seed is None:
            seeds: list[int] = []
        elif isinstance(seed, (int, np.integer)):
            seeds = [int(seed) + i for i in range(self.num_envs)]
        else:
            seeds = [int(s) for s in seed]
            if len(seeds) != self.num_envs:
                raise ValueError(f"expected {self.num_envs} seeds (one per arena), got {len(seeds)}")
        self._check_idle("reset()")
        r = self.client.call("Reset", pb.ResetRequest(arena_ids=self.arena_ids, seeds=seeds,
                                                      observation_transfer=self._transfer))
        obs, _, _, _, info = self._unpack(r, after_reset=True)
        self._start_episodes(np.ones(self.num_slots, dtype=bool))
        return obs, info

    def _reset_some(self, mask: np.ndarray, seed: SeedArg) -> tuple[np.ndarray, dict[str, Any]]:
        """reset(options={"reset_mask": mask}) for a mask that leaves some arenas running."""
        if self._obs is None or self._infos is None:
            raise ValueError("reset_mask before the first reset(): call reset() once for every arena first")
        self._check_idle("reset()")
        chosen = np.flatnonzero(mask)
        if seed is None:
            seeds: list[int] = []
        elif isinstance(seed, (int, np.integer)):
            seeds = [int(seed) + int(i) for i in chosen]
        else:
            all_seeds = [int(x) for x in seed]
            if len(all_seeds) != self.num_envs:
                raise ValueError(f"expected {self.num_envs} seeds (one per arena), got {len(all_seeds)}")
            seeds = [all_seeds[i] for i in chosen]
        # Whole stacks for the arenas that start again; the others keep what they had.
        r = self.client.call("Reset", pb.ResetRequest(arena_ids=[self.arena_ids[i] for i in chosen], seeds=seeds,
                                                      observation_transfer=pb.FULL))
        slots = np.repeat(mask, self.num_agents)
        k = int(slots.sum())
        obs = np.array(self._obs)
        obs[slots] = np.frombuffer(r.observations, dtype=np.uint8).reshape(k, *self.observation_shape)
        obs.flags.writeable = False
        infos = self._infos.copy()
        infos[slots] = np.array(r.infos, dtype=np.int32).reshape(k, len(self.info_fields))
        states = None
        if self.state_vector_length and self._states is not None:
            states = self._states.copy()
            states[slots] = np.array(r.states, dtype=np.float32).reshape(k, self.state_vector_length)
        self._obs, self._infos, self._states = obs, infos, states
        self._start_episodes(slots)
        return obs, self._info(infos, states)

    def _start_episodes(self, slots: np.ndarray) -> None:
        self._ep_return[slots] = 0.0
        self._ep_length[slots] = 0
        self._ep_start[slots] = time.perf_counter()
        self._ep_pending[slots] = False

    def render(self) -> Optional[tuple[np.ndarray, ...]]:
        """With ``render_mode="rgb_array"``: one ``uint8[H, W, 3]`` picture per slot of the latest
        observations (see the class doc); None without a render mode or before the first reset."""
        if self.render_mode is None or self._obs is None:
            return None
        return tuple(render_frame(o, self.frame_stack, self.render_scale) for o in self._obs)

    def step(self, actions: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """Steps every arena once. ``actions``: ``num_slots`` ints (any int array or sequence of that size).
        Returns ``(observations, rewards, terminated, truncated, info)`` (shapes in the class doc)."""
        self._check_idle("step()")
        return self._episodes(*self._unpack(self._step_answer(self._request(actions)), after_reset=False))

    def close(self) -> None:
        """Closes the stream, the arenas and (if this env opened it) the connection. Idempotent."""
        self.closed = True
        try:
            if self._stream is not None:
                self._stream.close()
                self._stream = None
            if self.arena_ids:
                ids, self.arena_ids = self.arena_ids, []
                try:
                    self.client.close_arenas(ids)
                except Exception:  # noqa: BLE001 - the server may be gone; its idle reaper closes them
                    pass
        finally:
            if self._own_client:
                self.client.close()

    def __enter__(self) -> "KumiteVecEnv":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # Pipelining (Stable-Baselines3 style): send the next batch, do other work, then take the answer.

    def step_async(self, actions: Any) -> None:
        """Sends one batch without waiting (over the stream, whatever ``transport`` says); :meth:`step_wait`
        returns its results. One batch per env at a time: use two envs for two half-batches in flight."""
        self._check_idle("step_async()")
        request = self._request(actions)
        self._open_stream().send(request)
        self._in_flight = True

    def step_wait(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """The results of the batch sent by :meth:`step_async`."""
        if not self._in_flight or self._stream is None:
            raise RuntimeError("step_wait() without step_async()")
        self._in_flight = False
        return self._episodes(*self._unpack(self._stream.receive(), after_reset=False))

    # Internals

    def _check_idle(self, what: str) -> None:
        if self._in_flight:
            raise RuntimeError(f"{what} while a step_async() batch is in flight: call step_wait() first")

    def _request(self, actions: Any) -> Any:
        a = np.asarray(actions)
        if self._multi_binary and a.ndim == 2 and a.shape[-1] == self.action_spec.n:
            a = (a.astype(np.int64) * self._bits).sum(axis=1)
        if a.size != self.num_slots:
            raise ValueError(f"expected {self.num_slots} actions ({self.num_envs} arenas x {self.num_agents} agents), "
                             f"got an array of shape {a.shape}")
        if not np.issubdtype(a.dtype, np.integer):
            raise ValueError(f"actions must be integers, got dtype {a.dtype}")
        return pb.StepRequest(arena_ids=self.arena_ids, actions=a.reshape(-1).tolist(), observation_transfer=self._transfer)

    def _open_stream(self) -> Stream:
        if self._stream is None or self._stream.closed:
            self._stream = self.client.step_stream()
        return self._stream

    def _step_answer(self, request: Any) -> Any:
        if self._transport == "unary":
            return self.client.call("Step", request)
        return self._open_stream().call(request)

    def _unpack(self, r: Any, after_reset: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        n = self.num_slots
        rewards = np.array(r.rewards, dtype=np.float32)
        terminated = np.array(r.terminated, dtype=bool)
        truncated = np.array(r.truncated, dtype=bool)
        infos = np.array(r.infos, dtype=np.int32).reshape(n, len(self.info_fields))
        data = np.frombuffer(r.observations, dtype=np.uint8)  # a view of the answer's bytes: no copy
        if not r.newest_frame_only:
            obs = data.reshape(n, *self.observation_shape)
        else:
            obs = self._stacked(data.reshape(n, 1, -1), infos, after_reset)
        self._obs = obs
        states = np.array(r.states, dtype=np.float32).reshape(n, self.state_vector_length) if self.state_vector_length else None
        self._infos, self._states = infos, states
        return obs, rewards, terminated, truncated, self._info(infos, states)

    def _info(self, infos: np.ndarray, states: Optional[np.ndarray]) -> dict[str, Any]:
        info: dict[str, Any] = {name: infos[:, i] for i, name in enumerate(self.info_fields)}
        info["infos"] = infos
        if states is not None:
            info["states"] = states
        return info

    def _episodes(self, obs: np.ndarray, rewards: np.ndarray, terminated: np.ndarray, truncated: np.ndarray,
                  info: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """Adds this step to each slot's episode and ``info["episode"]`` where one ended."""
        now = time.perf_counter()
        restarted = self._ep_pending.copy()  # next-step autoreset: this step only started the slot's next episode
        if restarted.any():
            self._start_episodes(restarted)
        counted = ~restarted
        self._ep_return[counted] += rewards[counted]
        self._ep_length[counted] += 1
        done = terminated | truncated
        if done.any():
            info["episode"] = {"r": np.where(done, self._ep_return, 0.0).astype(np.float32),
                               "l": np.where(done, self._ep_length, 0).astype(np.int32),
                               "t": np.where(done, np.round(now - self._ep_start, 6), 0.0).astype(np.float32)}
            info["_episode"] = done
        self._ep_pending = done & (self.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP)
        return obs, rewards, terminated, truncated, info

    def _stacked(self, frames: np.ndarray, infos: np.ndarray, after_reset: bool) -> np.ndarray:
        """The new stacks: each slot's previous stack shifted by one frame with the newest frame last, or
        filled with the newest frame where an episode starts (after a reset, or episode_frames == 0)."""
        n, k = self.num_slots, self.frame_stack
        out = np.empty((n, k, frames.shape[-1]), dtype=np.uint8)
        fresh = None if after_reset or self._obs is None else infos[:, self._episode_frames] == 0
        if fresh is None or fresh.all():
            out[:] = frames
        else:
            out[:, :k - 1] = self._obs.reshape(n, k, -1)[:, 1:]
            out[:, k - 1:] = frames
            if fresh.any():
                out[fresh] = frames[fresh]
        out = out.reshape(n, *self.observation_shape)
        out.flags.writeable = False
        return out
