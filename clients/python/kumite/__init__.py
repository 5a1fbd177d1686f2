"""Kumite's Python client: Gymnasium- and PettingZoo-style environments on a Kumite arena server (gRPC).

    from kumite import KumiteEnv
    env = KumiteEnv("atari84", {"cpu_level": 4}, address="localhost:50051")
    obs, info = env.reset(seed=7)           # obs: uint8[4, 84, 84]
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())

Needs grpcio, protobuf and numpy; Gymnasium and PettingZoo are used when importable. docs/python.md
is the guide; docs/api.md and docs/env-api.md describe the server and the environments.
"""
from .client import ArenaClient, Stream
from .env import KumiteEnv
from .errors import (AlreadyExistsError, DeadlineExceededError, FailedPreconditionError, InternalError,
                     InvalidArgumentError, KumiteError, NotFoundError, ResourceExhaustedError, UnauthenticatedError,
                     UnavailableError)
from .match import MatchSeat, MatchTicket, open_match
from .parallel_env import KumiteParallelEnv
from .server import LocalServer
from .vec_env import AutoresetMode, KumiteVecEnv

#: Gymnasium ids (``gymnasium.make`` / ``gymnasium.make_vec``) and the preset each stands for.
ENV_IDS = {"kumite/Kumite-v0": "atari84", "kumite/KumiteFightLadder-v0": "fightladder"}


def register_envs() -> bool:
    """Registers :data:`ENV_IDS` with Gymnasium (done on import); False when Gymnasium is absent.

    ``gymnasium.make("kumite/Kumite-v0", settings={"cpu_level": 4}, address="localhost:50051",
    render_mode="rgb_array")`` is a :class:`KumiteEnv`; ``gymnasium.make_vec("kumite/Kumite-v0",
    num_envs=16, vectorization_mode="vector_entry_point", address=...)`` a :class:`KumiteVecEnv`.
    Written against Gymnasium 1.1's documented ``register``; untested where Gymnasium is absent.
    """
    try:
        import gymnasium  # type: ignore[import-not-found]
    except ImportError:
        return False
    for env_id, preset in ENV_IDS.items():
        if env_id not in gymnasium.registry:
            gymnasium.register(id=env_id, entry_point="kumite.env:KumiteEnv",
                               vector_entry_point="kumite.vec_env:KumiteVecEnv", kwargs={"preset": preset})
    return True


register_envs()

__all__ = [
    "ArenaClient", "Stream", "KumiteEnv", "KumiteVecEnv", "KumiteParallelEnv", "MatchSeat", "MatchTicket",
    "open_match", "LocalServer", "KumiteError", "InvalidArgumentError", "NotFoundError", "AlreadyExistsError",
    "FailedPreconditionError", "ResourceExhaustedError", "UnauthenticatedError", "UnavailableError",
    "DeadlineExceededError", "InternalError", "AutoresetMode", "ENV_IDS", "register_envs",
]
