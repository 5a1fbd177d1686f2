"""KumiteParallelEnv: one two_player arena as a PettingZoo parallel environment (self-play)."""
from __future__ import annotations

from typing import Any, Mapping, Optional

import numpy as np

from .client import DEFAULT_ADDRESS, ArenaClient
from .env import _one
from .vec_env import KumiteVecEnv

try:  # optional
    from pettingzoo import ParallelEnv as _Base  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the machine
    _Base = object

AGENTS = ("player_0", "player_1")


class KumiteParallelEnv(_Base):  # type: ignore[misc]
    """Two agents, ``player_0`` (seat 0: starts on ``side``, left by default) and ``player_1``, acting
    at once in one ``two_player`` arena (PettingZoo's parallel API).

    ``reset(seed=, options=)`` returns ``(observations, infos)``; ``step({agent: action})`` returns
    ``(observations, rewards, terminations, truncations, infos)``, each a dict by agent. Both agents
    see the same screen (``uint8[C * frame_stack, H, W]``, read-only); rewards are each agent's own
    (``zero_sum``: they sum to 0); infos are from each agent's point of view (``self_health`` is its
    own). When the episode ends, ``agents`` becomes empty: call :meth:`reset` (autoreset is
    ``disabled`` unless ``settings`` says otherwise). Subclasses ``pettingzoo.ParallelEnv`` when
    PettingZoo is importable.
    """

    metadata: dict[str, Any] = {"name": "kumite_v1", "render_modes": [], "is_parallelizable": True}
    render_mode = None

    def __init__(self, preset: str = "default", settings: Optional[Mapping[str, Any]] = None, *,
                 address: str = DEFAULT_ADDRESS, seed: int = 0, token: Optional[str] = None,
                 client: Optional[ArenaClient] = None, timeout: float = 60.0) -> None:
        s = dict(settings or {})
        s["mode"] = "two_player"
        s.setdefault("autoreset", "disabled")
        self._vec = KumiteVecEnv(1, preset, s, address=address, seed=seed, token=token, client=client, timeout=timeout)
        self.config = self._vec.config
        self.info_fields = self._vec.info_fields
        self.possible_agents = list(AGENTS)
        self.agents: list[str] = []
        self.observation_spaces = {a: self._vec.single_observation_space for a in AGENTS}
        self.action_spaces = {a: self._vec.single_action_space for a in AGENTS}

    @property
    def client(self) -> ArenaClient:
        return self._vec.client

    def observation_space(self, agent: str) -> Any:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> Any:
        return self.action_spaces[agent]

    def reset(self, seed: Optional[int] = None, options: Optional[Mapping[str, Any]] = None
              ) -> tuple[dict[str, np.ndarray], dict[str, dict[str, Any]]]:
        """Starts an episode (``seed``: reseed; None: the arena's next episode). ``options`` is unused."""
        obs, info = self._vec.reset(seed=seed)
        self.agents = list(AGENTS)
        return ({a: obs[i] for i, a in enumerate(AGENTS)}, {a: _one(info, i) for i, a in enumerate(AGENTS)})

    def step(self, actions: Mapping[str, Any]) -> tuple[dict[str, np.ndarray], dict[str, float], dict[str, bool],
                                                        dict[str, bool], dict[str, dict[str, Any]]]:
        """One step of both agents; ``actions`` has an action for each of ``agents``."""
        if not self.agents:
            raise RuntimeError("the episode is over (agents is empty): call reset()")
        missing = [a for a in AGENTS if a not in actions]
        if missing:
            raise ValueError(f"no action for {', '.join(missing)}: step() needs one action per agent of {AGENTS}")
        acts = [np.asarray(actions[a]) for a in AGENTS]
        obs, rewards, terminated, truncated, info = self._vec.step(np.stack(acts))
        out = ({a: obs[i] for i, a in enumerate(AGENTS)},
               {a: float(rewards[i]) for i, a in enumerate(AGENTS)},
               {a: bool(terminated[i]) for i, a in enumerate(AGENTS)},
               {a: bool(truncated[i]) for i, a in enumerate(AGENTS)},
               {a: _one(info, i) for i, a in enumerate(AGENTS)})
        if terminated.any() or truncated.any():
            self.agents = []
        return out

    def state(self) -> np.ndarray:
        """The global state: the shared screen of the last step (``uint8[C * frame_stack, H, W]``)."""
        if self._vec._obs is None:
            raise RuntimeError("call reset() first")
        return self._vec._obs[0]

    def render(self) -> None:
        return None

    def close(self) -> None:
        self._vec.close()

    def __enter__(self) -> "KumiteParallelEnv":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
