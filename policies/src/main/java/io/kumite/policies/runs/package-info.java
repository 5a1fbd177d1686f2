/**
 * Runs: the long jobs behind the commands, with their folders, checkpoints, curves and resume. PPO
 * against a fixed opponent ({@link io.kumite.policies.runs.PpoRun}), self-play (IPPO, two-timescale,
 * FSP, PFSP: {@link io.kumite.policies.runs.SelfPlayRun}), PSRO, the league that several processes train
 * together ({@link io.kumite.policies.runs.LeagueRun}), best-response exploitability
 * ({@link io.kumite.policies.runs.Exploitability}, which trains) and the PPO benchmark. The top room: it
 * uses every other one, and none uses it.
 */
package io.kumite.policies.runs;
