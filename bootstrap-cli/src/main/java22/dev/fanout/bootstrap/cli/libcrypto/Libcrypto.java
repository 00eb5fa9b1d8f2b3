package dev.fanout.bootstrap.cli.libcrypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSL libcrypto's one-shot {@code SHA256(data, length, digest)}, bound once through the Foreign Function
 * and Memory API (Java 22+). OpenSSL uses the CPU's SHA extensions; the JDK's own SHA-256 does too, but only
 * once C2 has compiled it, which a replay run with C1 alone never reaches (docs/performance.md).
 *
 * <p>One function, not the streaming three: binding each costs the JVM a generated stub and a few dozen
 * method-handle classes (tens of milliseconds at start-up). Finding the library is quick and done at once;
 * the binding is done by {@link #bind()}, which a start-up thread calls early, or by the first digest.
 */
@SuppressWarnings("restricted") // binding a C library is what this class is for; the launcher enables it
final class Libcrypto {

    /** Sonames tried in order: OpenSSL 3, the development symlink, OpenSSL 1.1 (same SHA-256 ABI). */
    private static final List<String> NAMES = List.of("libcrypto.so.3", "libcrypto.so", "libcrypto.so.1.1");

    final String library;
    private final MemorySegment function;
    private volatile MethodHandle sha256;

    private Libcrypto(SymbolLookup lookup, String library) {
        this.function = lookup.find("SHA256").orElseThrow(() -> new IllegalArgumentException("it has no SHA256"));
        this.library = library;
    }

    /** {@code SHA256(data, length, digest)}, bound on first use. */
    MethodHandle sha256() {
        MethodHandle handle = sha256;
        return handle != null ? handle : bind();
    }

    /** Binds {@code SHA256} now (once); later calls return at once. */
    synchronized MethodHandle bind() {
        if (sha256 == null) {
            // critical(true): the call is short and never calls back into Java, so the JVM may pass heap arrays
            // straight through instead of copying every bundle into native memory first.
            sha256 = Linker.nativeLinker().downcallHandle(function,
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.ADDRESS), Linker.Option.critical(true));
        }
        return sha256;
    }

    /** Binds the first libcrypto the dynamic linker finds, or explains which names it tried. */
    static Libcrypto load() {
        List<String> failures = new ArrayList<>();
        for (String name : NAMES) {
            try {
                return new Libcrypto(SymbolLookup.libraryLookup(name, Arena.global()), name);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no usable libcrypto (" + String.join("; ", failures) + ")");
    }
}
