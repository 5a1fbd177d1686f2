#!/usr/bin/env python3
"""A sketch of a training loop with your own PyTorch code on KumiteVecEnv (advantage actor-critic, n-step).

    /usr/bin/python3 clients/python/examples/train_torch.py --envs 16 --updates 200
    /usr/bin/python3 clients/python/examples/train_torch.py --server localhost:50051 --cpu-level 1
    /usr/bin/python3 clients/python/examples/train_torch.py --model tiny --updates 30 --export examples/torchscript/tiny.pt

Needs PyTorch (Debian: python3-torch; or pip install torch); the client itself does not. A starting
point, not a tuned trainer (the Java side has one: `./kumite train ppo`). What matters for any
algorithm on Kumite:

- observations are uint8[num_envs, 4, 84, 84], read-only: copy them into your rollout buffer;
- autoreset is next-step: the step *after* terminated/truncated ignores its actions and returns the
  new episode's first observation with reward 0, so that transition is masked out of the loss;
- ``info["outcome"]`` is 1/2/3 (win/loss/draw) on the last step of an episode.

``--export agent.pt`` saves the trained module as TorchScript with its sidecar (agent.json), so it
plays in Kumite like any policy: ``./kumite play --p1 torchscript:agent.pt --p2 bot:kenta:1``,
``./kumite ladder --policies torchscript:agent.pt,bot:kenta:4 ...``. The repository's
``examples/torchscript/tiny.pt`` is the ``--model tiny`` command above (26k parameters).
"""
from __future__ import annotations

import sys
import time

import numpy as np
from _common import parser, server

from kumite import KumiteVecEnv
from kumite.torch_agents import save_torchscript

try:
    import torch
    import torch.nn as nn
except ImportError:
    sys.exit("this example needs PyTorch: apt-get install python3-torch (Debian) or pip install torch")


class ActorCritic(nn.Module):
    """Nature-DQN-style trunk: uint8[N, 4, 84, 84] -> (logits[N, 22], value[N])."""

    def __init__(self, channels: int, actions: int) -> None:
        super().__init__()
        self.trunk = nn.Sequential(
            nn.Conv2d(channels, 16, 8, stride=4), nn.ReLU(),
            nn.Conv2d(16, 32, 4, stride=2), nn.ReLU(),
            nn.Flatten(), nn.Linear(32 * 9 * 9, 256), nn.ReLU())
        self.policy = nn.Linear(256, actions)
        self.value = nn.Linear(256, 1)

    def forward(self, obs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.trunk(obs.float() / 255.0)
        return self.policy(h), self.value(h).squeeze(-1)


class TinyActorCritic(nn.Module):
    """A 26k-parameter agent: 6x6 average pooling, one hidden layer. Small enough to ship as an example."""

    def __init__(self, channels: int, height: int, width: int, actions: int) -> None:
        super().__init__()
        self.trunk = nn.Sequential(nn.AvgPool2d(6), nn.Flatten(), nn.Linear(channels * (height // 6) * (width // 6), 32), nn.ReLU())
        self.policy = nn.Linear(32, actions)
        self.value = nn.Linear(32, 1)

    def forward(self, obs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.trunk(obs.float() / 255.0)
        return self.policy(h), self.value(h).squeeze(-1)


def main() -> None:
    p = parser(__doc__.split("\n")[1])
    p.add_argument("--envs", type=int, default=16)
    p.add_argument("--steps", type=int, default=32, help="rollout length per update")
    p.add_argument("--updates", type=int, default=100)
    p.add_argument("--cpu-level", type=int, default=1)
    p.add_argument("--lr", type=float, default=7e-4)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--model", choices=["nature", "tiny"], default="nature")
    p.add_argument("--export", metavar="FILE.pt", help="save the trained agent as TorchScript (+ FILE.json) for torchscript: policies")
    args = p.parse_args()
    torch.manual_seed(args.seed)

    config = {"cpu_level": args.cpu_level}
    with server(args.server) as address, \
            KumiteVecEnv(args.envs, "atari84", config, address=address, seed=args.seed) as env:
        n, T = env.num_slots, args.steps
        if args.model == "tiny":
            model = TinyActorCritic(*env.observation_shape, env.single_action_space.n)
        else:
            model = ActorCritic(env.observation_shape[0], env.single_action_space.n)
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
        obs_buf = np.empty((T + 1, n, *env.observation_shape), dtype=np.uint8)
        act_buf = np.empty((T, n), dtype=np.int64)
        rew_buf = np.empty((T, n), dtype=np.float32)
        done_buf = np.empty((T, n), dtype=np.float32)
        valid_buf = np.empty((T, n), dtype=np.float32)

        obs, _ = env.reset()
        obs_buf[0] = obs
        prev_done = np.zeros(n, dtype=bool)
        wins = losses = draws = 0
        start = time.monotonic()
        for update in range(args.updates):
            # Rollout: T batched steps on the server.
            for t in range(T):
                with torch.no_grad():
                    logits, _ = model(torch.from_numpy(obs_buf[t]))
                actions = torch.distributions.Categorical(logits=logits).sample().numpy()
                obs, rewards, terminated, truncated, info = env.step(actions)
                done = terminated | truncated
                act_buf[t], rew_buf[t], done_buf[t] = actions, rewards, done
                valid_buf[t] = ~prev_done  # after a done, this step only reset the arena: not a transition
                obs_buf[t + 1] = obs
                prev_done = done
                outcome = info["outcome"][done]
                wins += int((outcome == 1).sum())
                losses += int((outcome == 2).sum())
                draws += int((outcome == 3).sum())
            # n-step returns, cut at episode ends (truncation treated as an end: a sketch).
            with torch.no_grad():
                _, next_value = model(torch.from_numpy(obs_buf[T]))
            returns = np.empty((T, n), dtype=np.float32)
            running = next_value.numpy()
            for t in reversed(range(T)):
                running = rew_buf[t] + args.gamma * (1.0 - done_buf[t]) * running
                returns[t] = running
            # One gradient step on the whole rollout.
            logits, values = model(torch.from_numpy(obs_buf[:T].reshape(T * n, *env.observation_shape)))
            dist = torch.distributions.Categorical(logits=logits)
            mask = torch.from_numpy(valid_buf.reshape(-1))
            ret = torch.from_numpy(returns.reshape(-1))
            advantage = (ret - values).detach()
            log_prob = dist.log_prob(torch.from_numpy(act_buf.reshape(-1)))
            denom = mask.sum().clamp(min=1.0)
            loss = (-(log_prob * advantage * mask).sum() + 0.5 * (((ret - values) ** 2) * mask).sum()
                    - 0.01 * (dist.entropy() * mask).sum()) / denom
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 0.5)
            optimizer.step()
            obs_buf[0] = obs_buf[T]
            if update % 10 == 0 or update == args.updates - 1:
                steps = (update + 1) * T * n
                print(f"update {update:4d}: {steps:8d} agent steps, {steps / (time.monotonic() - start):7.0f} steps/s, "
                      f"loss {loss.item():+.4f}, mean reward {rew_buf.mean():+.5f}, episodes won/lost/drawn "
                      f"{wins}/{losses}/{draws}", flush=True)
        if args.export:
            # What the agent saw: the atari84 preset (Kumite's default) with this run's settings, as kenta (agent_character 0).
            side = save_torchscript(model, args.export, {**config, "agent_character": "kenta"}, env.observation_shape)
            print(f"exported {args.export} and {side}: ./kumite play --p1 torchscript:{args.export} --p2 bot:kenta:1", flush=True)


if __name__ == "__main__":
    main()
