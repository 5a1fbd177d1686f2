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
from .vec_env import KumiteVecEnv

__all__ = [
    "ArenaClient", "Stream", "KumiteEnv", "KumiteVecEnv", "KumiteParallelEnv", "MatchSeat", "MatchTicket",
    "open_match", "LocalServer", "KumiteError", "InvalidArgumentError", "NotFoundError", "AlreadyExistsError",
    "FailedPreconditionError", "ResourceExhaustedError", "UnauthenticatedError", "UnavailableError",
    "DeadlineExceededError", "InternalError",
]
