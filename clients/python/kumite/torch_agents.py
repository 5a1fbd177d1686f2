"""PyTorch agents in and out of Kumite (needs PyTorch; the rest of the client does not).

- :func:`save_torchscript` writes a module as TorchScript plus the JSON sidecar that
  ``torchscript:<file.pt>`` policies need, so the agent plays in ``kumite play``, ``ladder``,
  ``eval`` and ``exploit`` like any Kumite policy.
- :func:`load_kumite_export` rebuilds a Kumite checkpoint exported with ``kumite export`` as a
  ``torch.nn.Module`` (same layers, same weights, same logits).

The module contract on both sides: ``forward(obs)`` takes the environment's observations as a uint8
tensor ``[batch, channels, height, width]`` and returns the 22 action logits ``[batch, 22]``, or a
tuple whose first element they are (e.g. ``(logits, value)``).
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

SIDECAR_FORMAT = "kumite-torchscript/1"
EXPORT_FORMAT = "kumite-export/1"
DISCRETE_ACTIONS = 22


def _torch():
    try:
        import torch
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("kumite.torch_agents needs PyTorch: apt-get install python3-torch (Debian) or pip install torch") from e
    return torch


def sidecar_path(pt_file: str | Path) -> Path:
    """``agent.pt`` -> ``agent.json`` (where ``torchscript:`` looks for the sidecar)."""
    p = Path(pt_file)
    return p.with_suffix(".json") if p.suffix == ".pt" else p.with_name(p.name + ".json")


def save_torchscript(module: Any, path: str | Path, env: Mapping[str, Any], observation_shape: Sequence[int]) -> Path:
    """Saves ``module`` as TorchScript at ``path`` and its sidecar beside it; returns the sidecar's path.

    ``env`` holds the environment settings the agent was trained with, as ``--env`` and the client's
    ``config`` take them (``{"width": 48, "height": 48, "frame_stack": 4, "agent_character": "kenta"}``;
    unset ones are Kumite's defaults, the atari84 preset). ``observation_shape`` is
    ``env.observation_shape`` of the env it trained on; Kumite checks it against ``env`` on load.
    The module is compiled with ``torch.jit.script``, or traced on a zero observation when it does
    not script.
    """
    torch = _torch()
    path = Path(path)
    shape = tuple(int(x) for x in observation_shape)
    module = module.eval()
    example = torch.zeros((2, *shape), dtype=torch.uint8)
    try:
        compiled = torch.jit.script(module)
    except Exception:  # noqa: BLE001 - many modules only trace
        with torch.no_grad():
            compiled = torch.jit.trace(module, example)
    with torch.no_grad():
        out = compiled(example)
    logits = out[0] if isinstance(out, (tuple, list)) else out
    if tuple(logits.shape) != (2, DISCRETE_ACTIONS):
        raise ValueError(f"the module returned logits of shape {tuple(logits.shape)} for 2 observations; "
                         f"expected (2, {DISCRETE_ACTIONS})")
    path.parent.mkdir(parents=True, exist_ok=True)
    compiled.save(str(path))
    side = sidecar_path(path)
    side.write_text(json.dumps({
        "format": SIDECAR_FORMAT,
        "env": dict(env),
        "observation": {"shape": list(shape), "dtype": "uint8", "layout": "CHW"},
        "actions": {"type": "discrete", "n": DISCRETE_ACTIONS},
    }, indent=2) + "\n")
    return side


def _conv_stack(arch: str, channels: int, height: int, width: int):
    torch = _torch()
    nn = torch.nn
    if arch == "nature":
        specs, hidden = [(32, 8, 4), (64, 4, 2), (64, 3, 1)], 512
    elif arch == "small":
        specs, hidden = [(16, 4, 2), (32, 3, 2)], 256
    else:
        raise ValueError(f"unknown architecture {arch!r}; Kumite exports 'nature' and 'small'")
    layers, c, h, w = [], channels, height, width
    for filters, k, s in specs:
        layers += [nn.Conv2d(c, filters, k, stride=s), nn.ReLU()]
        c, h, w = filters, (h - k) // s + 1, (w - k) // s + 1
    layers += [nn.Flatten(), nn.Linear(c * h * w, hidden), nn.ReLU()]
    return nn.Sequential(*layers), hidden


EXPORT_META = "kumite_export.json"


def _read_npz(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if EXPORT_META not in names:
            raise ValueError(f"{path} holds no {EXPORT_META}: it was not written by `kumite export`")
        meta = json.loads(z.read(EXPORT_META))
    with np.load(path) as arrays:
        return meta, {n[:-4]: arrays[n[:-4]] for n in names if n.endswith(".npy")}


def load_kumite_export(npz_file: str | Path):
    """The ``torch.nn.Module`` of a checkpoint exported by ``kumite export <ckpt> --out x.npz``.

    ``forward(obs uint8[N, C, H, W]) -> (logits[N, 22], value[N])``, the same function as the
    checkpoint's network (Kumite's ``ActorCritic``: uint8 scaled by 1/255, the trunk, two heads).
    What the export says (architecture, what the agent sees) is ``model.kumite_meta``; pass its
    ``env`` and ``observation["shape"]`` to :func:`save_torchscript` to play the module in Kumite.
    """
    torch = _torch()
    nn = torch.nn
    npz_file = Path(npz_file)
    meta, arrays = _read_npz(npz_file)
    if meta.get("format") != EXPORT_FORMAT:
        raise ValueError(f"{npz_file}'s {EXPORT_META} has format {meta.get('format')!r}, expected {EXPORT_FORMAT!r}")
    channels, height, width = meta["observation"]["shape"]
    actions = int(meta["actions"]["n"])
    trunk, hidden = _conv_stack(meta["architecture"], channels, height, width)

    class KumiteActorCritic(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.trunk = trunk
            self.policy = nn.Linear(hidden, actions)
            self.value = nn.Linear(hidden, 1)

        def forward(self, obs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            h = self.trunk(obs.float() / 255.0)
            return self.policy(h), self.value(h).squeeze(-1)

    model = KumiteActorCritic()
    state = model.state_dict()
    missing = sorted(set(state) - set(arrays))
    extra = sorted(set(arrays) - set(state))
    if missing or extra:
        raise ValueError(f"{npz_file} does not match the {meta['architecture']} network: missing {missing}, unexpected {extra}")
    model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in arrays.items()})
    model.kumite_meta = meta
    return model.eval()
