package dev.fanout.adapters.local.file;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The system's libdeflate as a {@link GzipEngine}, through the Foreign Function and Memory API (Java 22+;
 * compiled apart from the Java 21 classes and created by name from {@link GzipEngine#of}).
 *
 * <p>Why: deflating the rows was a fifth of a replay's CPU with the JDK's zlib; libdeflate compresses the
 * same rows about twice as fast at a similar ratio (docs/performance.md). It compresses a whole buffer in one
 * call, so each object's chunks are first copied into one array; arrays and a compressor are kept per thread.
 * Its gzip header is fixed (no name, mtime 0), so the same bytes give the same object on every run.
 */
@SuppressWarnings("restricted") // binding a C library is what this class is for; the launcher enables it
final class LibdeflateGzip implements GzipEngine {

    /** Scratch arrays larger than this are dropped after use rather than kept for the thread's next object. */
    private static final int KEPT_SCRATCH_BYTES = 16 << 20;

    // Finding the library and its functions is quick and happens when the class loads, so a machine without
    // libdeflate falls back to zlib at once. Binding a function costs the JVM a generated stub and a few dozen
    // method-handle classes (tens of milliseconds): that is left to Bound, done by a start-up thread through
    // bind() or by the first object, never by the thread that creates the sink.
    private static final SymbolLookup LIBRARY = SymbolLookup.libraryLookup("libdeflate.so.0", Arena.global());
    private static final MemorySegment ALLOC_FUNCTION = symbol("libdeflate_alloc_compressor");
    private static final MemorySegment COMPRESS_FUNCTION = symbol("libdeflate_gzip_compress");

    /** The two functions a replay calls, bound when this class is first used. */
    private static final class Bound {
        static final MethodHandle ALLOC = Linker.nativeLinker().downcallHandle(ALLOC_FUNCTION,
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        // critical(true): one short call that never calls back, so the heap arrays are passed in place.
        static final MethodHandle COMPRESS = Linker.nativeLinker().downcallHandle(COMPRESS_FUNCTION,
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                Linker.Option.critical(true));
    }

    private final int level;
    private final ThreadLocal<Scratch> scratch;

    LibdeflateGzip(int level) {
        this.level = level;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(level));
    }

    /** Binds the functions now (once), e.g. on a start-up thread; see {@link GzipEngine#preload()}. */
    static void bind() {
        // Reading a field of Bound initialises the class, which binds both functions.
        Objects.requireNonNull(Bound.COMPRESS);
    }

    @Override
    public byte[] gzip(LineBuffer lines, MessageDigest content) {
        long total = lines.size();
        Scratch s = scratch.get();
        byte[] in = s.input((int) total);
        int at = 0;
        for (ByteBuffer chunk : lines.contents()) {
            int n = chunk.remaining();
            chunk.get(in, at, n);
            at += n;
        }
        content.update(in, 0, (int) total);
        try {
            // Rows compress ~12:1; only incompressible input needs more than this, and then the retry has
            // room for libdeflate's worst case (stored blocks: 5 bytes per 64 KiB, plus the gzip framing).
            byte[] out = s.output((int) Math.min(Integer.MAX_VALUE - 64, total / 2 + 1024));
            long size = compress(s.compressor, in, total, out);
            if (size == 0) {
                out = s.output((int) Math.min(Integer.MAX_VALUE - 64, total + total / 1024 + 1024));
                size = compress(s.compressor, in, total, out);
            }
            if (size == 0) {
                throw new IllegalStateException("libdeflate: no room for " + total + " bytes compressed");
            }
            byte[] gzip = Arrays.copyOf(out, (int) size);
            s.trim();
            return gzip;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libdeflate call failed", e);
        }
    }

    @Override
    public String description() {
        return "libdeflate level " + level;
    }

    private static long compress(MemorySegment compressor, byte[] in, long length, byte[] out) throws Throwable {
        return (long) Bound.COMPRESS.invokeExact(compressor, MemorySegment.ofArray(in), length,
                MemorySegment.ofArray(out), (long) out.length);
    }

    private static MemorySegment symbol(String name) {
        return LIBRARY.find(name).orElseThrow(() -> new IllegalStateException("libdeflate has no " + name));
    }

    /** One thread's compressor and arrays; the compressor is freed when the thread's scratch is collected. */
    private static final class Scratch {
        final MemorySegment compressor;
        private byte[] input = new byte[0];
        private byte[] output = new byte[0];

        Scratch(int level) {
            MemorySegment raw;
            try {
                raw = (MemorySegment) Bound.ALLOC.invokeExact(level);
            } catch (Throwable e) {
                throw new IllegalStateException("libdeflate call failed", e);
            }
            if (raw.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("libdeflate could not allocate a compressor");
            }
            this.compressor = raw.reinterpret(Arena.ofAuto(), Scratch::free);
        }

        byte[] input(int bytes) {
            if (input.length < bytes) {
                input = new byte[bytes];
            }
            return input;
        }

        byte[] output(int bytes) {
            if (output.length < bytes) {
                output = new byte[bytes];
            }
            return output;
        }

        void trim() {
            if (input.length > KEPT_SCRATCH_BYTES) {
                input = new byte[0];
            }
            if (output.length > KEPT_SCRATCH_BYTES) {
                output = new byte[0];
            }
        }

        private static void free(MemorySegment compressor) {
            try {
                Free.HANDLE.invokeExact(compressor);
            } catch (Throwable e) {
                // Nothing to do at collection time; the process keeps a few hundred kilobytes.
            }
        }
    }

    /** Bound at the first collected compressor only: a replay's compressors live as long as the process. */
    private static final class Free {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(symbol("libdeflate_free_compressor"),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    }
}
