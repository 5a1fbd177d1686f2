"""Observation and action spaces: Gymnasium's when it is importable, else small stand-ins with the same
attributes (``shape``, ``dtype``, ``n``, ``low``/``high``, ``sample()``, ``contains()``, ``seed()``)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

try:  # optional
    import gymnasium.spaces as _gym_spaces  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the machine
    _gym_spaces = None

GYMNASIUM = _gym_spaces is not None
"""True when the spaces are gymnasium.spaces objects."""


class _Space:
    shape: tuple[int, ...]
    dtype: np.dtype

    def __init__(self, shape: Sequence[int], dtype: Any, seed: Optional[int] = None) -> None:
        self.shape = tuple(int(s) for s in shape)
        self.dtype = np.dtype(dtype)
        self.np_random = np.random.default_rng(seed)

    def seed(self, seed: Optional[int] = None) -> list[Optional[int]]:
        self.np_random = np.random.default_rng(seed)
        return [seed]

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)

    def contains(self, x: Any) -> bool:
        raise NotImplementedError


class Box(_Space):
    """Values in [low, high] of ``shape`` and ``dtype`` (observations: uint8 0..255, channels first)."""

    def __init__(self, low: float, high: float, shape: Sequence[int], dtype: Any = np.uint8) -> None:
        super().__init__(shape, dtype)
        self.low = np.full(self.shape, low, dtype=self.dtype)
        self.high = np.full(self.shape, high, dtype=self.dtype)

    def sample(self) -> np.ndarray:
        return self.np_random.integers(self.low, self.high, size=self.shape, endpoint=True, dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return a.shape == self.shape and np.can_cast(a.dtype, self.dtype) and bool(np.all((a >= self.low) & (a <= self.high)))

    def __repr__(self) -> str:
        return f"Box({self.low.flat[0]}, {self.high.flat[0]}, {self.shape}, {self.dtype})"


class Discrete(_Space):
    """An int in 0..n-1 (the 22 discrete actions of docs/env-api.md)."""

    def __init__(self, n: int) -> None:
        super().__init__((), np.int64)
        self.n = int(n)

    def sample(self) -> int:
        return int(self.np_random.integers(self.n))

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return a.shape == () and np.issubdtype(a.dtype, np.integer) and 0 <= int(a) < self.n

    def __repr__(self) -> str:
        return f"Discrete({self.n})"


class MultiBinary(_Space):
    """n bits, each 0 or 1 (``actions=multi_binary``: the 10 buttons)."""

    def __init__(self, n: int) -> None:
        super().__init__((int(n),), np.int8)
        self.n = int(n)

    def sample(self) -> np.ndarray:
        return self.np_random.integers(0, 2, size=self.shape, dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return a.shape == self.shape and bool(np.all((a == 0) | (a == 1)))

    def __repr__(self) -> str:
        return f"MultiBinary({self.n})"


class MultiDiscrete(_Space):
    """One int in 0..nvec[i]-1 per entry (a batch of discrete actions)."""

    def __init__(self, nvec: Sequence[int]) -> None:
        self.nvec = np.asarray(nvec, dtype=np.int64)
        super().__init__(self.nvec.shape, np.int64)

    def sample(self) -> np.ndarray:
        return self.np_random.integers(0, self.nvec, dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        a = np.asarray(x)
        return a.shape == self.shape and np.issubdtype(a.dtype, np.integer) and bool(np.all((a >= 0) & (a < self.nvec)))

    def __repr__(self) -> str:
        return f"MultiDiscrete({self.nvec.tolist()})"


def box(shape: Sequence[int]) -> Any:
    """uint8 pixels 0..255 of ``shape`` (channels-first)."""
    if _gym_spaces is not None:
        return _gym_spaces.Box(0, 255, shape=tuple(shape), dtype=np.uint8)
    return Box(0, 255, shape, np.uint8)


def action(spec: Any) -> Any:
    """The action space for a protocol Space (``kind`` "discrete" or "multi_binary")."""
    if spec.kind == "discrete":
        return _gym_spaces.Discrete(spec.n) if _gym_spaces is not None else Discrete(spec.n)
    if spec.kind == "multi_binary":
        return _gym_spaces.MultiBinary(spec.n) if _gym_spaces is not None else MultiBinary(spec.n)
    raise ValueError(f"unknown action space kind {spec.kind!r}")


def batched_action(spec: Any, count: int) -> Any:
    """``count`` actions at once: MultiDiscrete([n]*count), or a (count, n) MultiBinary."""
    if spec.kind == "discrete":
        nvec = [spec.n] * count
        return _gym_spaces.MultiDiscrete(nvec) if _gym_spaces is not None else MultiDiscrete(nvec)
    if spec.kind == "multi_binary":
        return _gym_spaces.MultiBinary([count, spec.n]) if _gym_spaces is not None else _MultiBinary2d(count, spec.n)
    raise ValueError(f"unknown action space kind {spec.kind!r}")


class _MultiBinary2d(MultiBinary):
    def __init__(self, count: int, n: int) -> None:
        super().__init__(n)
        self.shape = (int(count), int(n))
        self.n = int(n)

    def __repr__(self) -> str:
        return f"MultiBinary({list(self.shape)})"
