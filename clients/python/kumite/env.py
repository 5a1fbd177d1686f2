"""KumiteEnv: one arena as a Gymnasium-style environment (an agent against a CPU bot)."""
from __future__ import annotations

from typing import Any, Mapping, Optional

import numpy as np

from .client import DEFAULT_ADDRESS, ArenaClient
from .vec_env import RENDER_MODES, KumiteVecEnv, render_frame

try:  # optional: subclass gymnasium.Env when it is there, so wrappers and checks accept the env
    import gymnasium as _gym  # type: ignore[import-not-found]

    _Base: Any = _gym.Env
except ImportError:  # pragma: no cover - depends on the machine
    _gym = None
    _Base = object


class KumiteEnv(_Base):  # type: ignore[misc]
    """One ``vs_cpu`` arena, Gymnasium-style: ``reset(seed=, options=)`` and ``step(action)``.

    - observation: ``uint8[C * frame_stack, H, W]`` (``atari84``: ``[4, 84, 84]``), read-only.
    - reward: float, this step's (``zero_sum``: damage dealt / opponent's max health − damage taken /
      own max health); terminated / truncated: bool.
    - info: ``{field: int}`` for the 12 fields of docs/env-api.md (``self_health``, ``outcome``, ...),
      plus ``"state"`` (``float32[56]``) with ``state_vector=true``.
    - action: an int in 0..21 (``actions=discrete``) or a 10-bit mask / 0-1 array of 10
      (``actions=multi_binary``).

    Unlike the vector env, autoreset is ``disabled`` unless ``settings`` says otherwise: after
    terminated or truncated, call :meth:`reset` (stepping on raises FailedPreconditionError).
    ``reset(seed=s)`` reseeds (the same s gives the same episode); ``reset()`` starts the next
    episode of the arena's own seed sequence (the first one seeded with ``seed`` of the constructor).
    ``observation_space`` and ``action_space`` are Gymnasium spaces when Gymnasium is installed,
    else stand-ins with the same attributes (kumite.spaces).

    The step that ends an episode has ``info["episode"] = {"r": return, "l": agent steps, "t":
    seconds}``, as Gymnasium's ``RecordEpisodeStatistics`` adds it. ``render_mode="rgb_array"``:
    :meth:`render` returns an RGB picture ``uint8[H, W, 3]`` of what the agent sees (its newest frame,
    enlarged ``render_scale`` times), which ``gymnasium.wrappers.RecordVideo`` records.
    """

    metadata: dict[str, Any] = {"render_modes": RENDER_MODES, "render_fps": 15}

    def __init__(self, preset: str = "default", settings: Optional[Mapping[str, Any]] = None, *,
                 address: str = DEFAULT_ADDRESS, seed: int = 0, token: Optional[str] = None,
                 client: Optional[ArenaClient] = None, timeout: float = 60.0, render_mode: Optional[str] = None,
                 render_scale: Optional[int] = None) -> None:
        s = dict(settings or {})
        if str(s.get("mode", "vs_cpu")) != "vs_cpu":
            raise ValueError("KumiteEnv is one agent against a CPU bot (mode vs_cpu); for two agents use "
                             "KumiteParallelEnv, or KumiteVecEnv with mode two_player")
        s.setdefault("autoreset", "disabled")
        self._vec = KumiteVecEnv(1, preset, s, address=address, seed=seed, token=token, client=client, timeout=timeout,
                                 render_mode=render_mode, render_scale=render_scale)
        self.render_mode = render_mode
        self.metadata = {"render_modes": RENDER_MODES, "render_fps": self._vec.metadata["render_fps"]}
        self.config = self._vec.config
        self.info_fields = self._vec.info_fields
        self.observation_space = self._vec.single_observation_space
        self.action_space = self._vec.single_action_space

    @property
    def client(self) -> ArenaClient:
        return self._vec.client

    def reset(self, *, seed: Optional[int] = None, options: Optional[Mapping[str, Any]] = None) -> tuple[np.ndarray, dict[str, Any]]:
        """Starts an episode; returns ``(observation, info)``. ``options`` is accepted and unused."""
        if _gym is not None:
            super().reset(seed=seed)  # seeds self.np_random as Gymnasium expects
        obs, info = self._vec.reset(seed=seed)
        return obs[0], _one(info, 0)

    def step(self, action: Any) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Steps once; returns ``(observation, reward, terminated, truncated, info)``."""
        a = np.asarray(action)
        obs, rewards, terminated, truncated, info = self._vec.step(a.reshape(1, -1) if a.ndim == 1 else a.reshape(1))
        return obs[0], float(rewards[0]), bool(terminated[0]), bool(truncated[0]), _one(info, 0)

    def render(self) -> Optional[np.ndarray]:
        """With ``render_mode="rgb_array"``, the latest observation as an RGB picture; else None
        (``./kumite view`` shows replays at full size and colour)."""
        if self.render_mode is None or self._vec._obs is None:
            return None
        return render_frame(self._vec._obs[0], self._vec.frame_stack, self._vec.render_scale)

    def close(self) -> None:
        self._vec.close()

    def __enter__(self) -> "KumiteEnv":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _one(info: Mapping[str, Any], slot: int) -> dict[str, Any]:
    """One slot's info: the fields as ints, the state vector as float32[L]."""
    out: dict[str, Any] = {}
    for k, v in info.items():
        if k in ("infos", "_episode"):
            continue
        if k == "episode":
            if info["_episode"][slot]:
                out[k] = {"r": float(v["r"][slot]), "l": int(v["l"][slot]), "t": float(v["t"][slot])}
            continue
        out["state" if k == "states" else k] = v[slot] if k == "states" else int(v[slot])
    return out
