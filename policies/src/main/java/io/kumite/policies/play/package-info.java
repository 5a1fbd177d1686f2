/**
 * Who the learner plays: {@link io.kumite.policies.play.Opponent} (a CPU bot or ladder in the
 * environment, or noop, random, a checkpoint, a TorchScript module or a pool of snapshots choosing seat
 * 1's actions), {@link io.kumite.policies.play.SnapshotPool} for fictitious self-play, and the matchmaking
 * of self-play ({@link io.kumite.policies.play.Payoff}, {@link io.kumite.policies.play.Pfsp}). Uses
 * {@code ppo} and {@code ckpt}.
 */
package io.kumite.policies.play;
