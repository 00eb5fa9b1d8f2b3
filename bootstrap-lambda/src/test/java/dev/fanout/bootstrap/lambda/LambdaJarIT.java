package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.bootstrap.lambda.runtime.LambdaArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What the built Lambda jar holds, beyond what running it shows. */
class LambdaJarIT {

    private static final String SERVICE_METADATA_PROVIDER =
            "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class";

    @Test
    void theJar_holdsTheFunctionsServiceMetadataProvider_notTheSdks() throws IOException {
        // given
        byte[] ours = Files.readAllBytes(Path.of("target", "classes").resolve(SERVICE_METADATA_PROVIDER));

        // when
        byte[] inJar;
        try (JarFile jar = new JarFile(LambdaArtifacts.functionJar().toFile())) {
            ZipEntry entry = jar.getEntry(SERVICE_METADATA_PROVIDER);
            assertThat(entry).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                inJar = in.readAllBytes();
            }
        }

        // then
        assertThat(inJar).isEqualTo(ours);
    }
}
