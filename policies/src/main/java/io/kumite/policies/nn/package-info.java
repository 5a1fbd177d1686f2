/**
 * The networks on DJL's PyTorch engine: the actor-critic ({@link io.kumite.policies.nn.ActorCritic},
 * {@link io.kumite.policies.nn.PolicyNet}), our own Adam, categorical sampling, and starting the engine
 * offline with a fixed number of threads ({@link io.kumite.policies.nn.Torch}). Depends on the engine only
 * for observation shapes; every other room of policies builds on this one.
 */
package io.kumite.policies.nn;
