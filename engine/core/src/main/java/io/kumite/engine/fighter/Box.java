package io.kumite.engine.fighter;

/**
 * An axis-aligned box relative to a fighter's origin (the middle of its feet), in fixed-point
 * subpixels ({@link #SUB} per pixel). {@code x} grows forward (the way the
 * fighter faces), {@code y} grows upward from the floor.
 */
public record Box(int x, int y, int w, int h) {
    /**
     * Subpixels per pixel: the unit of every distance and speed in character data, and of the
     * simulation ({@code sim.Rules.SUB} is this).
     */
    public static final int SUB = 256;

    /** World-space left edge for a fighter at {@code originX} facing {@code facing} (+1 right, -1 left). */
    public int worldLeft(int originX, int facing) {
        return facing > 0 ? originX + x : originX - x - w;
    }
}
