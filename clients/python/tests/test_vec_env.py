"""KumiteVecEnv against a real server: spaces, shapes, seeding, frame stacking, autoreset, self-play, transports."""
import unittest

from tests import support

support.require()

import numpy as np  # noqa: E402

from kumite import KumiteVecEnv, spaces  # noqa: E402
from kumite._proto import pb  # noqa: E402

# Short episodes: 10-second rounds end by time-out after 150 steps (frame skip 4) if no KO comes first.
SHORT = {"cpu_level": 8, "round_time": 10}


def run(env, steps, seed_actions=3):
    """Steps with fixed random actions; returns the lists of every result."""
    rng = np.random.default_rng(seed_actions)
    obs, info = env.reset()
    out = [(np.array(obs), None, None, None, info["infos"].copy())]
    for _ in range(steps):
        o, r, te, tr, i = env.step(rng.integers(0, 22, size=env.num_slots))
        out.append((np.array(o), r.copy(), te.copy(), tr.copy(), i["infos"].copy()))
    return out


class VecEnvTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.address = support.address()

    def test_spaces_shapes_and_dtypes(self):
        with KumiteVecEnv(3, "atari84", {"cpu_level": 2}, address=self.address, seed=1) as env:
            self.assertEqual((env.num_envs, env.num_agents, env.num_slots), (3, 1, 3))
            self.assertEqual(env.observation_shape, (4, 84, 84))
            self.assertEqual(env.single_observation_space.shape, (4, 84, 84))
            self.assertEqual(np.dtype(env.single_observation_space.dtype), np.uint8)
            self.assertEqual(env.single_action_space.n, 22)
            self.assertEqual(env.observation_space.shape, (3, 4, 84, 84))
            self.assertEqual(env.action_space.shape, (3,))
            self.assertEqual(env.config["cpu_level"], "2")
            self.assertEqual(len(env.info_fields), 12)
            obs, info = env.reset()
            self.assertEqual(obs.shape, (3, 4, 84, 84))
            self.assertEqual(obs.dtype, np.uint8)
            self.assertTrue(env.single_observation_space.contains(obs[0]))
            self.assertFalse(obs.flags.writeable)
            # After a reset the stack holds copies of the first frame.
            self.assertTrue((obs[:, 0] == obs[:, 3]).all())
            self.assertEqual(set(env.info_fields) | {"infos"}, set(info))
            self.assertTrue((info["episode_frames"] == 0).all())
            obs, rewards, terminated, truncated, info = env.step(env.action_space.sample())
            self.assertEqual(obs.shape, (3, 4, 84, 84))
            self.assertEqual((rewards.dtype, rewards.shape), (np.float32, (3,)))
            self.assertEqual((terminated.dtype, truncated.dtype), (np.bool_, np.bool_))
            self.assertEqual(info["infos"].shape, (3, 12))
            self.assertTrue((info["episode_frames"] == 4).all())
            self.assertTrue((info["self_health"] > 0).all())

    def test_fightladder_preset(self):
        with KumiteVecEnv(1, "fightladder", address=self.address) as env:
            self.assertEqual(env.observation_shape, (3, 100, 128))  # interleaved RGB: always the full transfer
            obs, _ = env.reset()
            obs, *_ = env.step([0])
            self.assertEqual(obs.shape, (1, 3, 100, 128))

    def test_same_seed_same_observations_other_seed_differs(self):
        settings = dict(SHORT, opponent_character="random")
        with KumiteVecEnv(2, "atari84", settings, address=self.address, seed=11) as a, \
                KumiteVecEnv(2, "atari84", settings, address=self.address, seed=11) as b, \
                KumiteVecEnv(2, "atari84", settings, address=self.address, seed=12) as c:
            ra, rb, rc = run(a, 60), run(b, 60), run(c, 60)
            for x, y in zip(ra, rb):
                np.testing.assert_array_equal(x[0], y[0])
                np.testing.assert_array_equal(x[4], y[4])
                if x[1] is not None:
                    np.testing.assert_array_equal(x[1], y[1])
            self.assertFalse(all(np.array_equal(x[0], z[0]) for x, z in zip(ra, rc)), "seed 12 gave seed 11's run")
            # reset(seed=s) reseeds: the same run again from the start.
            obs, _ = a.reset(seed=11)
            np.testing.assert_array_equal(obs, ra[0][0])

    def test_newest_frame_stacking_equals_the_full_transfer_across_autoresets(self):
        settings = dict(SHORT, max_frames=160)  # truncation every 40 steps, plus round ends
        with KumiteVecEnv(3, "atari84", settings, address=self.address, seed=5, observation_transfer="newest_frame") as nf, \
                KumiteVecEnv(3, "atari84", settings, address=self.address, seed=5, observation_transfer="full") as full:
            a, b = run(nf, 130), run(full, 130)
            ends = 0
            for k, (x, y) in enumerate(zip(a, b)):
                np.testing.assert_array_equal(x[0], y[0], err_msg=f"step {k}")
                if x[2] is not None:
                    ends += int(x[2].sum() + x[3].sum())
            self.assertGreaterEqual(ends, 3, "the run should cross episode ends")

    def test_auto_transfer_follows_the_servers_eligibility(self):
        # The server reports whether arenas can send the newest frame only; "auto" asks for it exactly then.
        cases = [({}, True), ({"frame_stack": 1}, False), ({"stack_stride": 2}, False),
                 ({"grayscale": "false", "frame_stack": 3, "interleave": "true"}, False)]
        for extra, allowed in cases:
            with KumiteVecEnv(1, "atari84", dict(SHORT, **extra), address=self.address, seed=1) as env:
                created = env.client.create_arenas(1, "atari84", dict(SHORT, **extra), 1)
                self.assertEqual(created.newest_frame_allowed, allowed, extra)
                self.assertEqual(env._transfer == pb.NEWEST_FRAME, allowed, extra)
                obs, _ = env.reset()
                self.assertEqual(obs.shape, (1, *env.observation_shape), extra)
                env.client.close_arenas(list(created.arena_ids))

    def test_autoreset_next_step(self):
        with KumiteVecEnv(2, "atari84", {"max_frames": 40}, address=self.address, seed=3) as env:
            env.reset()
            for _ in range(9):
                obs, r, te, tr, info = env.step([0, 0])
                self.assertFalse(tr.any())
            obs, r, te, tr, info = env.step([0, 0])
            self.assertTrue(tr.all(), "10 steps x 4 frames = max_frames 40")
            obs, r, te, tr, info = env.step([5, 5])  # ignored: starts the next episode
            self.assertTrue((info["episode_frames"] == 0).all())
            self.assertTrue((r == 0).all() and not te.any() and not tr.any())
            self.assertTrue((obs[:, 0] == obs[:, 3]).all())

    def test_two_player_self_play(self):
        with KumiteVecEnv(2, "atari84", {"mode": "two_player", "round_time": 10}, address=self.address, seed=9) as env:
            self.assertEqual((env.num_agents, env.num_slots), (2, 4))
            obs, info = env.reset()
            self.assertEqual(obs.shape, (4, 4, 84, 84))
            np.testing.assert_array_equal(obs[0], obs[1])  # both agents see the same screen
            self.assertEqual(info["seat"].tolist(), [0, 1, 0, 1])
            rng = np.random.default_rng(1)
            total = np.zeros(4)
            for _ in range(80):
                obs, r, te, tr, info = env.step(rng.integers(0, 22, size=(2, 2)))  # (envs, agents) works too
                total += r
                np.testing.assert_allclose(r[0::2] + r[1::2], 0, atol=1e-6)  # zero_sum
                np.testing.assert_array_equal(info["self_health"][0::2], info["opponent_health"][1::2])
            self.assertTrue(np.abs(total).sum() > 0, "80 random steps should land a hit")

    def test_unary_transport_gives_the_same_results(self):
        with KumiteVecEnv(2, "atari84", SHORT, address=self.address, seed=21, transport="unary") as u, \
                KumiteVecEnv(2, "atari84", SHORT, address=self.address, seed=21) as s:
            for x, y in zip(run(u, 40), run(s, 40)):
                np.testing.assert_array_equal(x[0], y[0])
                np.testing.assert_array_equal(x[4], y[4])

    def test_step_async_step_wait(self):
        with KumiteVecEnv(2, "atari84", SHORT, address=self.address, seed=4) as a, \
                KumiteVecEnv(2, "atari84", SHORT, address=self.address, seed=4) as b:
            a.reset()
            b.reset()
            for k in range(20):
                actions = [k % 22, (k * 7) % 22]
                a.step_async(actions)
                want = b.step(actions)
                got = a.step_wait()
                np.testing.assert_array_equal(got[0], want[0])
                np.testing.assert_array_equal(got[1], want[1])
            a.step_async([0, 0])
            with self.assertRaisesRegex(RuntimeError, "in flight"):
                a.step([0, 0])
            a.step_wait()
            with self.assertRaisesRegex(RuntimeError, "without step_async"):
                a.step_wait()

    def test_state_vector_and_multi_binary_actions(self):
        with KumiteVecEnv(2, "atari84", {"state_vector": True, "actions": "multi_binary"}, address=self.address) as env:
            self.assertEqual(env.single_action_space.n, 10)
            self.assertEqual(env.state_vector_length, 56)
            _, info = env.reset()
            self.assertEqual(info["states"].shape, (2, 56))
            bits = np.zeros((2, 10), dtype=np.int8)
            bits[:, 3] = 1  # RIGHT
            x0 = info["states"][:, 0].copy()
            for _ in range(5):
                obs, r, te, tr, info = env.step(bits)
            self.assertTrue((info["states"][:, 0] > x0).all(), "holding RIGHT moves the fighter right")
            env.step(np.array([1 << 3, 1 << 3]))  # masks are accepted as they are

    def test_full_transfer_observations_are_views_of_the_answer(self):
        with KumiteVecEnv(2, "atari84", address=self.address, observation_transfer="full") as env:
            obs, _ = env.reset()
            self.assertIsInstance(obs.base, (bytes, memoryview, np.ndarray))
            self.assertFalse(obs.flags.owndata)  # np.frombuffer: no copy
            self.assertFalse(obs.flags.writeable)

    def test_wrong_action_count_is_a_value_error(self):
        with KumiteVecEnv(2, "atari84", address=self.address) as env:
            env.reset()
            with self.assertRaisesRegex(ValueError, "expected 2 actions"):
                env.step([0, 0, 0])
            with self.assertRaisesRegex(ValueError, "integers"):
                env.step([0.5, 1.0])


class FallbackSpacesTest(unittest.TestCase):
    def test_stand_ins_behave_like_gymnasium_spaces(self):
        box = spaces.Box(0, 255, (4, 84, 84), np.uint8)
        x = box.sample()
        self.assertEqual((x.shape, x.dtype), ((4, 84, 84), np.uint8))
        self.assertTrue(box.contains(x))
        self.assertFalse(box.contains(np.zeros((3, 84, 84), np.uint8)))
        d = spaces.Discrete(22)
        d.seed(1)
        a = [d.sample() for _ in range(50)]
        d.seed(1)
        self.assertEqual(a, [d.sample() for _ in range(50)])
        self.assertTrue(all(0 <= v < 22 for v in a) and 5 in d and 22 not in d)
        m = spaces.MultiBinary(10)
        self.assertTrue(m.contains(m.sample()))
        md = spaces.MultiDiscrete([22] * 3)
        self.assertEqual(md.sample().shape, (3,))


if __name__ == "__main__":
    unittest.main()
