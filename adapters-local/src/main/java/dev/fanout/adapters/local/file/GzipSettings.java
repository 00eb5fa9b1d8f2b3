package dev.fanout.adapters.local.file;

/**
 * How the file sinks gzip their objects.
 *
 * @param level      1 (fastest) to 9 (smallest); the same number means the same trade-off in both engines
 * @param libdeflate whether to use the system's libdeflate when it loads (Java 22+, {@code libdeflate.so.0}),
 *                   which compresses about twice as fast as the JDK's zlib at the same level; otherwise, or
 *                   when false, the JDK's zlib. Both write standard gzip; their bytes differ, but object names
 *                   are hashes of the uncompressed rows, so both give the same names (ADR 0002).
 */
public record GzipSettings(int level, boolean libdeflate) {

    public GzipSettings {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 1 to 9, got " + level);
        }
    }
}
