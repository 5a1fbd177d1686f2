#!/usr/bin/env python3
"""Batched stepping throughput: the Python client vs the Java client on the same arena server, in one run.

    /usr/bin/python3 clients/python/bench.py                 # starts ./kumite serve --port 0 itself
    /usr/bin/python3 clients/python/bench.py --server host:port --arenas 64 --seconds 2 --repeats 5

Both clients step the same workload as ``./kumite bench grpc``: ``--arenas`` arenas of ``atari84``
against level-8 CPU bots, random discrete actions, observations as the newest frame only (the client
keeps the 4-frame stack). Java: ``./kumite bench grpc --server`` (one StepStream, two half-batches
always in flight). Python: ``KumiteVecEnv.step`` (one batch per call, the whole batch's numpy
arrays unpacked and stacked every step) and the same two half-batches pipelined with
``step_async``/``step_wait``. Each figure is the median of ``--repeats`` timed runs after a warm-up.
The server is warmed up first (its JIT compiles while Python steps for ``--warmup`` seconds); then
Python, Java (with its own warm-up run) and Python again are timed, and the Python figure is the
median of both Python rounds, so load that drifts during the run weighs on both clients alike.
The ratio is Python ``step()`` / Java. The last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from kumite import KumiteVecEnv  # noqa: E402
from kumite.server import LocalServer, find_launcher  # noqa: E402

SETTINGS = {"cpu_level": 8}


def python_sync(address: str, arenas: int, seconds: float, repeats: int, warmup: float = 0.0) -> list[float]:
    """Agent steps/s of ``repeats`` timed runs of KumiteVecEnv.step (after a warm-up run)."""
    actions = np.random.default_rng(5).integers(0, 22, size=(64, arenas))
    with KumiteVecEnv(arenas, "atari84", SETTINGS, address=address, seed=1) as env:
        env.reset()

        def run(seconds: float = seconds) -> float:
            steps, k = 0, 0
            start = time.perf_counter()
            deadline = start + seconds
            while time.perf_counter() < deadline:
                env.step(actions[k & 63])
                k += 1
                steps += arenas
            return steps / (time.perf_counter() - start)

        run(max(warmup, seconds))
        return [run() for _ in range(repeats)]


def python_pipelined(address: str, arenas: int, seconds: float, repeats: int) -> float:
    half = arenas // 2
    actions = np.random.default_rng(5).integers(0, 22, size=(64, arenas))
    with KumiteVecEnv(half, "atari84", SETTINGS, address=address, seed=1) as a, \
            KumiteVecEnv(arenas - half, "atari84", SETTINGS, client=a.client, seed=1 + half) as b:
        a.reset()
        b.reset()

        halves = ((a, slice(0, half)), (b, slice(half, arenas)))

        def run() -> float:
            steps, k = 0, 0
            start = time.perf_counter()
            deadline = start + seconds
            for env, part in halves:
                env.step_async(actions[0, part])
            pending = [True, True]
            while any(pending):
                for i, (env, part) in enumerate(halves):
                    if pending[i]:
                        env.step_wait()
                        steps += env.num_envs
                        pending[i] = time.perf_counter() < deadline
                        if pending[i]:
                            k += 1
                            env.step_async(actions[k & 63, part])
            return steps / (time.perf_counter() - start)

        run()
        return statistics.median(run() for _ in range(repeats))


def java(address: str, arenas: int, seconds: float, repeats: int) -> dict:
    # --transfer newest: the observations the Python client asks for (the Java client's default,
    # FRAME_DELTA, sends fewer bytes; this compares the clients on the same answers).
    cmd = [str(find_launcher()), "bench", "grpc", "--server", address, "--arenas", str(arenas),
           "--seconds", str(seconds), "--repeats", str(repeats), "--round-trips", "100", "--transfer", "newest"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--server", help="host:port of a running ./kumite serve (default: start one on a free port)")
    p.add_argument("--arenas", type=int, default=64)
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--warmup", type=float, default=8.0, help="seconds of stepping that warm the server up first")
    args = p.parse_args()
    server = None if args.server else LocalServer().start()
    address = args.server or server.address
    try:
        runs = python_sync(address, args.arenas, args.seconds, args.repeats, warmup=args.warmup)
        jv = java(address, args.arenas, args.seconds, args.repeats)
        runs += python_sync(address, args.arenas, args.seconds, args.repeats)
        pipe = python_pipelined(address, args.arenas, args.seconds, args.repeats)
        py = statistics.median(runs)
    finally:
        if server is not None:
            server.stop()
    js = jv["steps_per_sec"]
    print(f"bench python vs java: {os.cpu_count()} core(s), Python {sys.version.split()[0]}; atari84, {args.arenas} arenas, "
          f"level-8 bots, newest frame only; server {address}")
    rows = [("Java client (bench grpc --server), agent steps/s", f"{js:,.0f}"),
            ("Python KumiteVecEnv.step, agent steps/s", f"{py:,.0f}"),
            ("Python step_async/step_wait, 2 halves, agent steps/s", f"{pipe:,.0f}"),
            ("Python step / Java", f"{py / js:.2f}"),
            ("Python pipelined / Java", f"{pipe / js:.2f}")]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")
    print(json.dumps({"bench": "python_vs_java", "arenas": args.arenas, "python_steps_per_sec": round(py),
                      "python_pipelined_steps_per_sec": round(pipe), "java_steps_per_sec": js,
                      "ratio": round(py / js, 3), "ratio_pipelined": round(pipe / js, 3),
                      "python_runs": [round(r) for r in runs], "seconds": args.seconds, "repeats": args.repeats,
                      "cores": os.cpu_count()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
