package io.kumite.policies.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Locale;

/**
 * The actor-critic network: a convolutional trunk over the uint8 observation (scaled to 0..1 inside
 * the network, so a checkpoint is self-contained), a policy head (action logits) and a value head.
 * Forward returns {@code [logits (B, actions), value (B)]}.
 *
 * <p>Architectures: {@code nature} (the DQN/PPO-Atari network: 32 8x8/4, 64 4x4/2, 64 3x3/1, 512
 * units; for observations of at least 64 pixels a side) and {@code small} (16 4x4/2, 32 3x3/2, 256
 * units; for small observations, about 20 times cheaper).
 */
public final class ActorCritic extends AbstractBlock {
    public enum Arch {
        NATURE, SMALL;

        public static Arch parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown network \"" + s + "\"; expected nature or small");
            }
        }

        /** {@code nature} when both sides are at least 64 pixels, else {@code small}. */
        public static Arch forObservation(int height, int width) {
            return Math.min(height, width) >= 64 ? NATURE : SMALL;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Arch arch;
    private final int actions;
    private final Block trunk;
    private final Block policy;
    private final Block value;

    public ActorCritic(Arch arch, int actions) {
        super((byte) 1);
        this.arch = arch;
        this.actions = actions;
        this.trunk = addChildBlock("trunk", arch == Arch.NATURE ? nature() : small());
        this.policy = addChildBlock("policy", Linear.builder().setUnits(actions).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(1).build());
        // A near-uniform first policy (CleanRL's 0.01 gain on the policy head).
        policy.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
    }

    private static Block nature() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(8, 8)).optStride(new Shape(4, 4)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(1, 1)).setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(512).build())
                .add(Activation.reluBlock());
    }

    private static Block small() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).setFilters(16).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock());
    }

    public Arch arch() {
        return arch;
    }

    public int actions() {
        return actions;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray scaled = x.getDataType() == DataType.UINT8 ? x.toType(DataType.FLOAT32, false).divi(255f) : x;
        NDList h = trunk.forward(ps, new NDList(scaled), training);
        NDArray logits = policy.forward(ps, h, training).singletonOrThrow();
        NDArray v = value.forward(ps, h, training).singletonOrThrow().reshape(-1);
        return new NDList(logits, v);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long batch = inputs[0].get(0);
        return new Shape[] {new Shape(batch, actions), new Shape(batch)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] in = {inputShapes[0]};
        trunk.initialize(manager, DataType.FLOAT32, in);
        Shape[] hidden = trunk.getOutputShapes(in);
        policy.initialize(manager, DataType.FLOAT32, hidden);
        value.initialize(manager, DataType.FLOAT32, hidden);
    }
}
