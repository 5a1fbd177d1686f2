package io.kumite.engine.sim;

/** A fighter's projectile (at most one each, as in the genre's classics). Fixed-point units. */
public final class ProjectileState {
    public boolean active;
    /** Id of the special move that launched it (its data gives box, damage, stun). */
    public int move;
    public int x;
    public int y;
    /** +1 travelling right, -1 left. */
    public int direction;
    public int framesLeft;
    /** Frames since launch (for rendering animation). */
    public int age;

    void copyFrom(ProjectileState o) {
        active = o.active;
        move = o.move;
        x = o.x;
        y = o.y;
        direction = o.direction;
        framesLeft = o.framesLeft;
        age = o.age;
    }

    void visit(StateCodec c) {
        active = c.io(active);
        move = c.io(move);
        x = c.io(x);
        y = c.io(y);
        direction = c.io(direction);
        framesLeft = c.io(framesLeft);
        age = c.io(age);
    }
}
