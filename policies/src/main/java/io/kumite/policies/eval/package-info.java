/**
 * Measuring policies: win rates against opponents and the arcade ladder
 * ({@link io.kumite.policies.eval.Evaluation}, {@link io.kumite.policies.eval.LadderEvaluation}),
 * round-robin tournaments with Elo and confidence intervals ({@link io.kumite.policies.eval.Ladder}),
 * the Nash equilibrium of a payoff matrix, and result tables. Uses {@code play}, {@code ckpt} and
 * {@code nn}; trains nothing.
 */
package io.kumite.policies.eval;
