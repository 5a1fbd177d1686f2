#!/usr/bin/env python3
"""A match between two remote clients, one seat each (OpenMatch / PlayMatch).

    # one command: a server, this process on seat 0, a second process on seat 1
    /usr/bin/python3 clients/python/examples/two_client_match.py --steps 300

    # or by hand, on two machines:
    two_client_match.py open --server host:50051            # prints the ticket, plays seat 0
    two_client_match.py join --server host:50051 --ticket T  # plays seat 1

Each seat here plays random actions; put a policy in `act`.
"""
import subprocess
import sys

import numpy as np
from _common import parser, server

from kumite import MatchSeat, open_match


def act(obs: np.ndarray, rng: np.random.Generator) -> int:
    """A policy: observation uint8[4, 84, 84] -> action 0..21. Random here."""
    return int(rng.integers(22))


def play(seat: MatchSeat, steps: int, rng: np.random.Generator) -> None:
    obs, info = seat.reset()  # waits until both seats have joined
    total, episodes = 0.0, 0
    for _ in range(steps):
        obs, reward, terminated, truncated, info = seat.step(act(obs, rng))
        total += reward
        if terminated or truncated:  # the match autoresets: the next step starts a new episode
            episodes += 1
    # One write per line: the two seats' processes share the terminal.
    sys.stdout.write(f"seat {seat.seat}: {steps} steps, {episodes} finished episode(s), return {total:+.3f}, "
                     f"health {info['self_health']} vs {info['opponent_health']}\n")
    sys.stdout.flush()


def main() -> None:
    p = parser(__doc__.split("\n")[1])
    p.add_argument("mode", nargs="?", default="demo", choices=["demo", "open", "join"])
    p.add_argument("--ticket", help="join: the ticket printed by `open`")
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--seed", type=int, default=3)
    args = p.parse_args()
    with server(args.server) as address:
        if args.mode == "join":
            with MatchSeat(args.ticket, 1, address=address, observation_shape=(4, 84, 84)) as me:
                play(me, args.steps, np.random.default_rng(args.seed + 1))
            return
        ticket = open_match(address, "atari84", {"round_time": 30}, seed=args.seed)
        print(f"match open: ticket {ticket.ticket} (arena {ticket.arena_id})", flush=True)
        opponent = None
        if args.mode == "demo":  # the second client: another process, another connection
            opponent = subprocess.Popen([sys.executable, __file__, "join", "--server", address, "--ticket", ticket.ticket,
                                         "--steps", str(args.steps), "--seed", str(args.seed)])
        with MatchSeat(ticket, 0, address=address) as me:
            play(me, args.steps, np.random.default_rng(args.seed))
        if opponent is not None and opponent.wait(60) != 0:
            sys.exit(f"the seat-1 process failed with exit status {opponent.returncode}")


if __name__ == "__main__":
    main()
