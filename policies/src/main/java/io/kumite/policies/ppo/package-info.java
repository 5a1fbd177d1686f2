/**
 * The PPO algorithm: its settings ({@link io.kumite.policies.ppo.PpoConfig}, defaults and withers), the
 * trainer that collects rollouts from any {@code VecEnv} and updates one or two learners
 * ({@link io.kumite.policies.ppo.PpoTrainer}), the loss, GAE, episode statistics and the curriculum of
 * CPU bots. Who plays the other seat is an {@link io.kumite.policies.ppo.OpponentSeat}, given by the
 * caller ({@code play}). Uses {@code nn} and {@code env}; nothing here knows checkpoints, opponents or runs.
 */
package io.kumite.policies.ppo;
