package dev.fanout.bootstrap.core;

import dagger.Module;
import dagger.Provides;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.ReplayService;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.in.FanOutBundle;
import dev.fanout.ports.in.ReplayBundles;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The wiring of the core that both composition roots share: the domain's fan-out and replay service over the
 * system clock. The including component binds what differs between them: the {@link FanOutSettings} (flags or
 * environment), the SHA-256 digests (libcrypto's where it loads, the JDK's in Lambda), the worker pool and the
 * {@link ReplaySettings} (chunking for files or for a remote sink).
 */
@Module
public final class FanOutCoreModule {

    private FanOutCoreModule() {
    }

    @Provides
    static InstantSource clock() {
        return InstantSource.system();
    }

    /** One per graph: each worker thread keeps its decoder, buffers and digest in it from bundle to bundle. */
    @Provides
    @Singleton
    static FanOutBundle fanOut(FanOutSettings settings, Supplier<MessageDigest> sha256) {
        return new BundleFanOut(settings, sha256);
    }

    @Provides
    @Singleton
    static ReplayBundles replay(FanOutBundle fanOut, ExecutorService workers, InstantSource clock,
                                ReplaySettings settings) {
        return new ReplayService(fanOut, workers, clock, settings);
    }
}
