#!/usr/bin/env python3
"""A random agent against a CPU bot, Gymnasium-style (KumiteEnv).

    /usr/bin/python3 clients/python/examples/random_agent.py --episodes 3 --cpu-level 4
    /usr/bin/python3 clients/python/examples/random_agent.py --server localhost:50051
"""
from _common import parser, server

from kumite import KumiteEnv

OUTCOMES = {1: "win", 2: "loss", 3: "draw"}


def main() -> None:
    p = parser(__doc__.split("\n")[1])
    p.add_argument("--episodes", type=int, default=3)
    p.add_argument("--cpu-level", type=int, default=4)
    p.add_argument("--round-time", type=int, default=99, help="seconds per round (10..999)")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    with server(args.server) as address, \
            KumiteEnv("atari84", {"cpu_level": args.cpu_level, "round_time": args.round_time}, address=address) as env:
        print(f"observation space {env.observation_space}, action space {env.action_space}")
        env.action_space.seed(args.seed)
        for episode in range(args.episodes):
            obs, info = env.reset(seed=args.seed + episode)
            total, steps, done = 0.0, 0, False
            while not done:
                obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
                total += reward
                steps += 1
                done = terminated or truncated
            print(f"episode {episode}: {steps} steps, return {total:+.3f}, "
                  f"{OUTCOMES.get(info['outcome'], 'truncated')} (health {info['self_health']} vs {info['opponent_health']})")


if __name__ == "__main__":
    main()
