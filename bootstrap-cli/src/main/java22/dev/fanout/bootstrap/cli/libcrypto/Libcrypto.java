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
 * The three SHA-256 functions of the system's OpenSSL libcrypto, bound once through the Foreign Function
 * and Memory API (Java 22+). OpenSSL uses the CPU's SHA extensions; the JDK's own SHA-256 does too, but
 * only once C2 has compiled it, which a replay run with C1 alone never reaches (docs/performance.md).
 */
@SuppressWarnings("restricted") // binding a C library is what this class is for; the launcher enables it
final class Libcrypto {

    /** Sonames tried in order: OpenSSL 3, the development symlink, OpenSSL 1.1 (same SHA-256 ABI). */
    private static final List<String> NAMES = List.of("libcrypto.so.3", "libcrypto.so", "libcrypto.so.1.1");

    /** {@code sizeof(SHA256_CTX)} is 112 bytes in OpenSSL 1.1 and 3; a little room on top costs nothing. */
    static final long CONTEXT_BYTES = 128;

    final MethodHandle init;
    final MethodHandle update;
    final MethodHandle finish;
    final String library;

    private Libcrypto(SymbolLookup lookup, String library) {
        Linker linker = Linker.nativeLinker();
        // critical(true): the calls are short and never call back into Java, so the JVM may pass heap arrays
        // straight through instead of copying every bundle into native memory first.
        Linker.Option heapAccess = Linker.Option.critical(true);
        this.init = linker.downcallHandle(symbol(lookup, "SHA256_Init"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), heapAccess);
        this.update = linker.downcallHandle(symbol(lookup, "SHA256_Update"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG), heapAccess);
        this.finish = linker.downcallHandle(symbol(lookup, "SHA256_Final"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), heapAccess);
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

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException("it has no " + name));
    }
}
