package dev.fanout.ports;

import java.util.Objects;

/**
 * An input file that could not be read to its end: truncated or corrupt gzip, unreadable, vanished during the
 * run, a folder that could not be listed. Every bundle read from it before the damage was replayed; the run
 * goes on with the next input and reports this (docs/row-event.md §7).
 *
 * @param path       the file or folder, as named on the command line or found under it
 * @param bytesRead  bytes of it read (as stored on disk, so compressed bytes for a gzip file)
 * @param bytesTotal its size on disk when known, else -1
 * @param cause      what went wrong, e.g. "Unexpected end of ZLIB input stream"
 */
public record DamagedInput(String path, long bytesRead, long bytesTotal, String cause) {

    public DamagedInput {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cause, "cause");
        if (bytesRead < 0) {
            throw new IllegalArgumentException("bytesRead must not be negative, got " + bytesRead);
        }
    }
}
