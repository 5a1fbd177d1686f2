"""KumiteEnv (Gymnasium-style) and KumiteParallelEnv (PettingZoo parallel API) against a real server."""
import unittest

from tests import support

support.require()

import numpy as np  # noqa: E402

from kumite import FailedPreconditionError, KumiteEnv, KumiteParallelEnv, spaces  # noqa: E402
from kumite.match import INFO_FIELDS  # noqa: E402

SHORT = {"cpu_level": 8, "round_time": 10}


class KumiteEnvTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def test_spaces_and_types(self):
        with KumiteEnv("atari84", {"cpu_level": 3}, address=self.address) as env:
            if not spaces.GYMNASIUM:
                self.assertIsInstance(env.observation_space, spaces.Box)
            self.assertEqual(env.observation_space.shape, (4, 84, 84))
            self.assertEqual(np.dtype(env.observation_space.dtype), np.uint8)
            self.assertEqual(env.action_space.n, 22)
            self.assertEqual(env.info_fields, INFO_FIELDS)
            obs, info = env.reset(seed=3)
            self.assertEqual(obs.shape, (4, 84, 84))
            self.assertTrue(env.observation_space.contains(obs))
            self.assertEqual(set(info), set(INFO_FIELDS))
            self.assertIsInstance(info["self_health"], int)
            obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
            self.assertEqual(obs.shape, (4, 84, 84))
            self.assertIsInstance(reward, float)
            self.assertIsInstance(terminated, bool)
            self.assertIsInstance(truncated, bool)
            self.assertEqual(info["episode_frames"], 4)

    def test_same_seed_same_episode(self):
        with KumiteEnv("atari84", SHORT, address=self.address) as a, KumiteEnv("atari84", SHORT, address=self.address) as b:
            for seed in (7, 7, 8):
                oa, _ = a.reset(seed=7)
                ob, _ = b.reset(seed=seed)
                same = np.array_equal(oa, ob)
                for k in range(40):
                    oa, ra, *_ = a.step(k % 22)
                    ob, rb, *_ = b.step(k % 22)
                    same = same and np.array_equal(oa, ob) and ra == rb
                self.assertEqual(same, seed == 7, f"seed {seed}")

    def test_episode_end_then_reset_no_autoreset(self):
        with KumiteEnv("atari84", {"max_frames": 20}, address=self.address, seed=1) as env:
            self.assertEqual(env.config["autoreset"], "disabled")
            env.reset()
            done = False
            for _ in range(5):
                _, _, terminated, truncated, _ = env.step(0)
                done = terminated or truncated
            self.assertTrue(done)
            with self.assertRaises(FailedPreconditionError) as caught:
                env.step(0)
            self.assertIn("call Reset", caught.exception.message)
            obs, info = env.reset()
            self.assertEqual(info["episode_frames"], 0)
            env.step(0)

    def test_two_player_is_refused(self):
        with self.assertRaisesRegex(ValueError, "KumiteParallelEnv"):
            KumiteEnv("atari84", {"mode": "two_player"}, address=self.address)

    def test_multi_binary_bits(self):
        with KumiteEnv("atari84", {"actions": "multi_binary"}, address=self.address) as env:
            self.assertEqual(env.action_space.n, 10)
            env.reset()
            obs, *_ = env.step(env.action_space.sample())
            self.assertEqual(obs.shape, (4, 84, 84))


class ParallelEnvTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def test_agents_spaces_and_a_whole_episode(self):
        with KumiteParallelEnv("atari84", {"round_time": 10}, address=self.address, seed=5) as env:
            self.assertEqual(env.possible_agents, ["player_0", "player_1"])
            self.assertEqual(env.agents, [])
            for a in env.possible_agents:
                self.assertEqual(env.observation_space(a).shape, (4, 84, 84))
                self.assertEqual(env.action_space(a).n, 22)
            obs, infos = env.reset(seed=5)
            self.assertEqual(env.agents, ["player_0", "player_1"])
            np.testing.assert_array_equal(obs["player_0"], obs["player_1"])
            self.assertEqual((infos["player_0"]["seat"], infos["player_1"]["seat"]), (0, 1))
            rng = np.random.default_rng(2)
            steps = 0
            while env.agents:
                actions = {a: int(rng.integers(22)) for a in env.agents}
                obs, rewards, terms, truncs, infos = env.step(actions)
                self.assertEqual(set(obs) | set(rewards) | set(terms) | set(truncs) | set(infos),
                                 {"player_0", "player_1"})
                self.assertAlmostEqual(rewards["player_0"] + rewards["player_1"], 0.0, places=5)
                self.assertEqual(infos["player_0"]["self_health"], infos["player_1"]["opponent_health"])
                steps += 1
                self.assertLess(steps, 400, "a 10-second round ends within 150 steps")
            self.assertTrue(terms["player_0"] or truncs["player_0"])
            self.assertIn(infos["player_0"]["outcome"], (1, 2, 3))
            self.assertEqual(env.state().shape, (4, 84, 84))
            with self.assertRaisesRegex(RuntimeError, "reset"):
                env.step({"player_0": 0, "player_1": 0})
            obs, _ = env.reset()
            self.assertEqual(env.agents, ["player_0", "player_1"])

    def test_same_seed_same_observations(self):
        runs = []
        for seed in (4, 4, 6):
            with KumiteParallelEnv("atari84", {"agent_character": "random", "opponent_character": "random"},
                                   address=self.address) as env:
                obs, _ = env.reset(seed=seed)
                frames = [obs["player_0"].copy()]
                for k in range(30):
                    obs, *_ = env.step({"player_0": k % 22, "player_1": (3 * k) % 22})
                    frames.append(obs["player_1"].copy())
                runs.append(np.stack(frames))
        np.testing.assert_array_equal(runs[0], runs[1])
        self.assertFalse(np.array_equal(runs[0], runs[2]))

    def test_missing_action(self):
        with KumiteParallelEnv(address=self.address) as env:
            env.reset()
            with self.assertRaisesRegex(ValueError, "player_1"):
                env.step({"player_0": 0})


if __name__ == "__main__":
    unittest.main()
