"""kumite.torch_agents without a server: TorchScript with its sidecar, and `kumite export` archives.

The round trip through Kumite (ckpt -> export -> this module -> torchscript: policy, same logits) is
TorchScriptPolicyTest on the Java side; these check the Python half's contract and errors.
"""
from __future__ import annotations

import json
import tempfile
import unittest
import zipfile
from pathlib import Path

from tests import support

support.require()

try:
    import torch
except ImportError:  # pragma: no cover - depends on the machine
    raise unittest.SkipTest("PyTorch is not installed (Debian: apt-get install python3-torch)")

import numpy as np  # noqa: E402

from kumite import torch_agents  # noqa: E402


class Pooled(torch.nn.Module):
    def __init__(self, outputs: int = 22) -> None:
        super().__init__()
        self.trunk = torch.nn.Sequential(torch.nn.AvgPool2d(8), torch.nn.Flatten(), torch.nn.Linear(2 * 4 * 4, outputs))

    def forward(self, obs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits = self.trunk(obs.float() / 255.0)
        return logits, logits.sum(-1)


class TorchAgentsTest(unittest.TestCase):
    def test_save_torchscript_writes_module_and_sidecar(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            pt = Path(d) / "agent.pt"
            side = torch_agents.save_torchscript(Pooled(), pt, {"width": 32, "height": 32, "frame_stack": 2,
                                                                "agent_character": "mira"}, (2, 32, 32))
            self.assertEqual(Path(d) / "agent.json", side)
            meta = json.loads(side.read_text())
            self.assertEqual("kumite-torchscript/1", meta["format"])
            self.assertEqual([2, 32, 32], meta["observation"]["shape"])
            self.assertEqual(22, meta["actions"]["n"])
            self.assertEqual("mira", meta["env"]["agent_character"])
            loaded = torch.jit.load(str(pt))
            obs = torch.randint(0, 255, (3, 2, 32, 32), dtype=torch.uint8)
            logits, _ = loaded(obs)
            self.assertEqual((3, 22), tuple(logits.shape))

    def test_wrong_logit_count_is_refused(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaisesRegex(ValueError, r"expected \(2, 22\)"):
                torch_agents.save_torchscript(Pooled(outputs=10), Path(d) / "x.pt", {}, (2, 32, 32))

    def test_an_archive_not_from_kumite_export_is_refused(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            npz = Path(d) / "other.npz"
            np.savez(npz, w=np.zeros(3, dtype=np.float32))
            with self.assertRaisesRegex(ValueError, "not written by `kumite export`"):
                torch_agents.load_kumite_export(npz)

    def test_an_export_with_missing_arrays_says_which(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            npz = Path(d) / "partial.npz"
            np.savez(npz, **{"policy.weight": np.zeros((22, 256), dtype=np.float32)})
            meta = {"format": "kumite-export/1", "architecture": "small", "observation": {"shape": [2, 32, 32]},
                    "actions": {"n": 22}, "env": {}}
            with zipfile.ZipFile(npz, "a") as z:
                z.writestr("kumite_export.json", json.dumps(meta))
            with self.assertRaisesRegex(ValueError, r"missing \['policy.bias'"):
                torch_agents.load_kumite_export(npz)


if __name__ == "__main__":
    unittest.main()
