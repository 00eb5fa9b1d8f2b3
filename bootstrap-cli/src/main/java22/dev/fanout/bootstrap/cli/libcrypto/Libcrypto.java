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
 * method-handle classes at start-up, and a replay waits for this binding before its first bundle.
 */
@SuppressWarnings("restricted") // binding a C library is what this class is for; the launcher enables it
final class Libcrypto {

    /** Sonames tried in order: OpenSSL 3, the development symlink, OpenSSL 1.1 (same SHA-256 ABI). */
    private static final List<String> NAMES = List.of("libcrypto.so.3", "libcrypto.so", "libcrypto.so.1.1");

    final MethodHandle sha256;
    final String library;

    private Libcrypto(SymbolLookup lookup, String library) {
        MemorySegment function = lookup.find("SHA256")
                .orElseThrow(() -> new IllegalArgumentException("it has no SHA256"));
        // critical(true): the call is short and never calls back into Java, so the JVM may pass heap arrays
        // straight through instead of copying every bundle into native memory first.
        this.sha256 = Linker.nativeLinker().downcallHandle(function,
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS), Linker.Option.critical(true));
        this.library = library;
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
