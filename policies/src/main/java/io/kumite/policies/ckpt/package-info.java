/**
 * Checkpoints: a network with its PPO settings, optimiser state and environment
 * ({@link io.kumite.policies.ckpt.Checkpoint}), exported to TorchScript, and played as engine policies
 * anywhere a policy string is accepted ({@code ckpt:<path>}, {@code torchscript:<file.pt>}). Uses
 * {@code nn} and {@code ppo} (for the settings it stores).
 */
package io.kumite.policies.ckpt;
