"""The Gymnasium-facing parts against a real server: autoreset metadata, reset_mask, info["episode"],
render_mode="rgb_array" and registration. Gymnasium is not installed where these run (Debian has no
package), so they cover the stand-ins; the Gymnasium classes are used by the same code when present."""
import unittest

from tests import support

support.require()

import numpy as np  # noqa: E402

import kumite  # noqa: E402
from kumite import AutoresetMode, KumiteEnv, KumiteVecEnv  # noqa: E402

SHORT = {"cpu_level": 8, "round_time": 10}  # rounds end by time-out within 150 agent steps


class GymApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def test_autoreset_mode_is_an_enum_that_follows_the_config(self):
        with KumiteVecEnv(1, "atari84", address=self.address) as env:
            self.assertIs(env.metadata["autoreset_mode"], AutoresetMode.NEXT_STEP)
            self.assertEqual(("NEXT_STEP", "NextStep"), (env.metadata["autoreset_mode"].name, env.metadata["autoreset_mode"].value))
            self.assertIn("rgb_array", env.metadata["render_modes"])
            self.assertEqual(15, env.metadata["render_fps"])  # 60 frames/s, frame skip 4
        with KumiteVecEnv(1, "atari84", {"autoreset": "disabled"}, address=self.address) as env:
            self.assertIs(env.metadata["autoreset_mode"], AutoresetMode.DISABLED)

    def test_render_rgb_array_is_the_newest_frame_enlarged(self):
        with self.assertRaisesRegex(ValueError, "render_mode"):
            KumiteVecEnv(1, "atari84", address=self.address, render_mode="human")
        with KumiteVecEnv(2, "atari84", address=self.address, render_mode="rgb_array", seed=4) as env:
            self.assertIsNone(env.render(), "nothing to show before the first reset")
            obs, _ = env.reset()
            obs, *_ = env.step(np.full(2, 9))
            frames = env.render()
            self.assertEqual(2, len(frames))
            self.assertEqual(((336, 336, 3), np.uint8), (frames[0].shape, frames[0].dtype))  # 84 x 4: at least 256 high
            newest = obs[1, -1]
            expected = np.repeat(np.repeat(newest, 4, axis=0), 4, axis=1)
            for c in range(3):
                np.testing.assert_array_equal(expected, frames[1][:, :, c])
        with KumiteVecEnv(1, "atari84", {"grayscale": False, "width": 64, "height": 48}, address=self.address,
                          render_mode="rgb_array", render_scale=2) as env:
            obs, _ = env.reset()
            frame = env.render()[0]
            self.assertEqual((96, 128, 3), frame.shape)
            np.testing.assert_array_equal(np.transpose(obs[0, -3:], (1, 2, 0)), frame[::2, ::2])
        with KumiteEnv("atari84", address=self.address, render_mode="rgb_array") as env:
            env.reset(seed=1)
            self.assertEqual((336, 336, 3), env.render().shape)
        with KumiteEnv("atari84", address=self.address) as env:
            env.reset(seed=1)
            self.assertIsNone(env.render())

    def test_episode_statistics_on_final_steps(self):
        with KumiteVecEnv(2, "atari84", SHORT, address=self.address, seed=3) as env:
            env.reset()
            rng = np.random.default_rng(5)
            ret, length, pending = np.zeros(2), np.zeros(2, dtype=int), np.zeros(2, dtype=bool)
            ended = 0
            for _ in range(400):
                _, r, te, tr, info = env.step(rng.integers(0, 22, size=2))
                ret[pending], length[pending] = 0.0, 0  # the autoreset step starts the next episode
                ret[~pending] += r[~pending]
                length[~pending] += 1
                done = te | tr
                if done.any():
                    np.testing.assert_array_equal(done, info["_episode"])
                    np.testing.assert_allclose(info["episode"]["r"][done], ret[done], atol=1e-5)
                    np.testing.assert_array_equal(info["episode"]["l"][done], length[done])
                    self.assertTrue((info["episode"]["t"][done] > 0).all())
                    self.assertTrue((info["episode"]["l"][~done] == 0).all())
                    ended += int(done.sum())
                else:
                    self.assertNotIn("episode", info)
                pending = done
            self.assertGreaterEqual(ended, 4, "10-second rounds end within 150 steps")
        with KumiteEnv("atari84", SHORT, address=self.address) as env:
            env.reset(seed=2)
            total, steps = 0.0, 0
            while True:
                _, r, te, tr, info = env.step(env.action_space.sample())
                total, steps = total + r, steps + 1
                if te or tr:
                    break
                self.assertNotIn("episode", info)
            self.assertEqual(steps, info["episode"]["l"])
            self.assertAlmostEqual(total, info["episode"]["r"], places=4)

    def test_reset_mask_resets_only_the_chosen_arenas(self):
        with KumiteVecEnv(3, "atari84", {"cpu_level": 2}, address=self.address, seed=10) as env:
            with self.assertRaisesRegex(ValueError, "before the first reset"):
                env.reset(options={"reset_mask": np.array([True, False, False])})
            env.reset()
            for _ in range(5):
                obs, *_ = env.step(np.full(3, 9))
            before = np.array(obs)
            obs, info = env.reset(seed=50, options={"reset_mask": np.array([True, False, True])})
            self.assertEqual([0, 20, 0], info["episode_frames"].tolist())
            np.testing.assert_array_equal(before[1], obs[1], "the arena left running keeps its observation")
            self.assertFalse(obs.flags.writeable)
            with KumiteVecEnv(3, "atari84", {"cpu_level": 2}, address=self.address) as fresh:
                first, _ = fresh.reset(seed=50)  # arena i seeded 50 + i, as the masked reset seeds them
                np.testing.assert_array_equal(first[0], obs[0])
                np.testing.assert_array_equal(first[2], obs[2])
            obs, _, _, _, info = env.step(np.full(3, 9))
            self.assertEqual([4, 24, 4], info["episode_frames"].tolist())
            with self.assertRaisesRegex(ValueError, r"shape \(3,\)"):
                env.reset(options={"reset_mask": np.array([True, False])})

    def test_disabled_autoreset_with_reset_mask(self):
        settings = dict(SHORT, autoreset="disabled")
        with KumiteVecEnv(2, "atari84", settings, address=self.address, seed=1) as env:
            env.reset()
            done = np.zeros(2, dtype=bool)
            for _ in range(200):
                _, _, te, tr, info = env.step(np.full(2, 9))
                done = te | tr
                if done.any():
                    break
            self.assertTrue(done.any(), "a 10-second round ends within 200 steps")
            obs, info = env.reset(options={"reset_mask": done})
            self.assertTrue((info["episode_frames"][done] == 0).all())
            env.step(np.full(2, 9))  # every arena runs again

    def test_registration_needs_gymnasium(self):
        try:
            import gymnasium  # noqa: F401
        except ImportError:
            self.assertFalse(kumite.register_envs())
            self.assertEqual({"kumite/Kumite-v0": "atari84", "kumite/KumiteFightLadder-v0": "fightladder"}, kumite.ENV_IDS)
        else:  # pragma: no cover - Gymnasium is not installed where the project's tests run
            self.assertTrue(kumite.register_envs())
            self.assertIn("kumite/Kumite-v0", gymnasium.registry)


if __name__ == "__main__":
    unittest.main()
