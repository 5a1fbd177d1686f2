/**
 * The client side of the arena: {@link io.kumite.policies.env.RemoteVecEnv}, a {@code VecEnv} whose
 * environments live on one or more arena servers (batched gRPC steps, failover between servers), and
 * {@link io.kumite.policies.env.StepAnswer}, the step reply read from the wire without copies.
 */
package io.kumite.policies.env;
