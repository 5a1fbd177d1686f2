"""The examples run (short) against the test server."""
import subprocess
import sys
import unittest
from pathlib import Path

from tests import support

support.require()

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class ExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def run_example(self, name, *args):
        r = subprocess.run([sys.executable, str(EXAMPLES / name), "--server", self.address, *args],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r.stdout

    def test_random_agent(self):
        out = self.run_example("random_agent.py", "--episodes", "1", "--round-time", "10")
        self.assertRegex(out, r"episode 0: \d+ steps, return [+-]\d\.\d+, (win|loss|draw)")

    def test_two_client_match(self):
        out = self.run_example("two_client_match.py", "--steps", "60")
        self.assertIn("seat 0: 60 steps", out)
        self.assertIn("seat 1: 60 steps", out)

    def test_train_torch_sketch(self):
        try:
            import torch  # noqa: F401
        except ImportError:
            self.skipTest("PyTorch is not installed (optional: only this example needs it)")
        out = self.run_example("train_torch.py", "--envs", "2", "--updates", "2", "--steps", "8")
        self.assertIn("update    1:", out)


if __name__ == "__main__":
    unittest.main()
