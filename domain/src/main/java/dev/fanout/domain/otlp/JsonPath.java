package dev.fanout.domain.otlp;

import java.util.Arrays;

/**
 * Where the parser is, as a stack of keys and array indices. Rendered to the path syntax of docs/row-event.md §6.2
 * ({@code $.resourceMetrics[0].scopeMetrics[1].metrics[2].gauge.dataPoints[3].asDouble}) only when a
 * failure needs it, so the happy path pays a couple of array stores per level.
 */
final class JsonPath {

    private String[] names = new String[32];
    private int[] indices = new int[32];
    private int depth;

    void clear() {
        depth = 0;
    }

    void push(String name) {
        grow();
        names[depth] = name;
        depth++;
    }

    /** Enters an array, before its first element; {@link #nextIndex} moves onto each element in turn. */
    void pushIndex() {
        grow();
        names[depth] = null;
        indices[depth] = -1;
        depth++;
    }

    void nextIndex() {
        indices[depth - 1]++;
    }

    void pop() {
        depth--;
    }

    private void grow() {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
        }
    }

    /** The current path, followed by {@code .leaf} when {@code leaf} is not null. */
    String render(String leaf) {
        StringBuilder sb = new StringBuilder(64).append('$');
        for (int i = 0; i < depth; i++) {
            if (names[i] != null) {
                sb.append('.').append(names[i]);
            } else {
                sb.append('[').append(indices[i]).append(']');
            }
        }
        if (leaf != null) {
            sb.append('.').append(leaf);
        }
        return sb.toString();
    }
}
