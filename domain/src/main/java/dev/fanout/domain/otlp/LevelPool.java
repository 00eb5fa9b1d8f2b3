package dev.fanout.domain.otlp;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Scratch objects of a recursive reader, one per nesting level and reused from one value to the next, so that
 * reading allocates only when it goes deeper than ever before.
 */
final class LevelPool<T> {

    private final Supplier<T> factory;
    private Object[] levels = new Object[4];
    private int depth;

    /** @param factory makes the object of a level not reached before; called once per level */
    LevelPool(Supplier<T> factory) {
        this.factory = factory;
    }

    /** Goes one level deeper and returns that level's object, as the last user of the level left it. */
    @SuppressWarnings("unchecked")
    T enter() {
        if (depth == levels.length) {
            levels = Arrays.copyOf(levels, depth * 2);
        }
        Object level = levels[depth];
        if (level == null) {
            level = factory.get();
            levels[depth] = level;
        }
        depth++;
        return (T) level;
    }

    void leave() {
        depth--;
    }

    /** The object of the level just left; valid until the next {@link #enter}. */
    @SuppressWarnings("unchecked")
    T lastLeft() {
        return (T) levels[depth];
    }
}
