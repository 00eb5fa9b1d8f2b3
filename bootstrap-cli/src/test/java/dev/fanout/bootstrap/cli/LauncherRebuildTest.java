package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fanout} launcher rebuilds the command line jar when it is missing or older than a build input
 * (a pom, any file under a module's {@code src/main}), and only then. This runs the real launcher script in a
 * scratch copy of the repository's layout whose {@code mvnw} only records that it was called.
 */
class LauncherRebuildTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path root;

    private Path jar;

    @BeforeEach
    void aRepositoryWhoseJarIsNewerThanEveryInput() throws IOException {
        Files.copy(REPOSITORY.resolve("fanout"), root.resolve("fanout"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(REPOSITORY.resolve("bin/jdk.sh"), root.resolve("bin/jdk.sh"));
        // The stand-in build records the call and fails, so the launcher stops before starting a JVM.
        Path mvnw = Files.writeString(root.resolve("mvnw"),
                "#!/usr/bin/env bash\necho \"$@\" >> \"$(dirname \"$0\")/build-ran\"\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        oldFile("pom.xml");
        oldFile("domain/pom.xml");
        oldFile("domain/src/main/java/dev/fanout/domain/deep/Nested.java");
        oldFile("ports/src/main/resources/notes.txt");
        jar = root.resolve("bootstrap-cli/target/fanout-cli.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a real jar");
        Files.setLastModifiedTime(jar, FileTime.from(BUILT.plusSeconds(60)));
    }

    @Test
    void aJarNewerThanEveryInput_isNotRebuilt() throws Exception {
        // when
        launch();

        // then
        assertThat(root.resolve("build-ran")).doesNotExist();
    }

    @Test
    void aChangedSourceDeepInAModule_rebuildsTheJar() throws Exception {
        // given
        Files.setLastModifiedTime(root.resolve("domain/src/main/java/dev/fanout/domain/deep/Nested.java"),
                FileTime.from(BUILT.plusSeconds(120)));

        // when
        launch();

        // then
        assertThat(root.resolve("build-ran")).exists();
    }

    @Test
    void aChangedModulePom_rebuildsTheJar() throws Exception {
        // given
        Files.setLastModifiedTime(root.resolve("domain/pom.xml"), FileTime.from(BUILT.plusSeconds(120)));

        // when
        launch();

        // then
        assertThat(root.resolve("build-ran")).exists();
    }

    @Test
    void aMissingJar_isBuilt() throws Exception {
        // given
        Files.delete(jar);

        // when
        launch();

        // then
        assertThat(root.resolve("build-ran")).exists();
    }

    @Test
    void aChangedTestSource_doesNotRebuildTheCommandLine() throws Exception {
        // given
        oldFile("domain/src/test/java/dev/fanout/domain/SomeTest.java");
        Files.setLastModifiedTime(root.resolve("domain/src/test/java/dev/fanout/domain/SomeTest.java"),
                FileTime.from(BUILT.plusSeconds(120)));

        // when
        launch();

        // then
        assertThat(root.resolve("build-ran")).doesNotExist();
    }

    @Test
    void invokeLocal_buildsTheLambdasJar_whenItIsMissing_notTheCommandLines() throws Exception {
        // when: the command line's jar is current, the Lambda's has never been built
        launch("invoke-local", "--help");

        // then
        assertThat(root.resolve("build-ran")).exists();
        assertThat(Files.readString(root.resolve("build-ran"))).contains("-pl bootstrap-lambda");
    }

    @Test
    void invokeLocal_withACurrentLambdaJar_isNotRebuilt() throws Exception {
        // given
        Path lambdaJar = root.resolve("bootstrap-lambda/target/fanout-lambda.jar");
        Files.createDirectories(lambdaJar.getParent());
        Files.writeString(lambdaJar, "not a real jar");
        Files.setLastModifiedTime(lambdaJar, FileTime.from(BUILT.plusSeconds(60)));

        // when
        launch("invoke-local", "--help");

        // then
        assertThat(root.resolve("build-ran")).doesNotExist();
    }

    private void oldFile(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
        Files.setLastModifiedTime(file, FileTime.from(BUILT));
    }

    /** Runs {@code ../fanout --version} from a module's folder, as a user may; its exit code does not matter here. */
    private void launch() throws Exception {
        launch("--version");
    }

    private void launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "../fanout"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve("bootstrap-cli").toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    }
}
