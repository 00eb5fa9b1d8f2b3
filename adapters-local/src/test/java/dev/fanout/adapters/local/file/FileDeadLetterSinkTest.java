package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.contract.DeadLetterSinkContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeadLetterSinkTest extends DeadLetterSinkContract {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @TempDir
    Path out;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Override
    protected DeadLetterSink newSink() {
        return new FileDeadLetterSink(out, 1, 4096, POOL);
    }

    @Override
    protected List<StoredLetter> readBack(DeadLetterSink sink) throws IOException {
        List<StoredLetter> letters = new ArrayList<>();
        for (String file : Trees.files(out)) {
            String[] parts = file.split("/");
            assertThat(parts).hasSize(3);
            assertThat(parts[0]).isEqualTo("dead-letters");
            assertThat(parts[1]).startsWith("reason=");
            RejectionReason reason = RejectionReason.fromCode(parts[1].substring("reason=".length()));
            for (byte[] line : Trees.jsonLines(out.resolve(file))) {
                letters.add(new StoredLetter(reason, new Payload(line)));
            }
        }
        return letters;
    }

    @Test
    void write_placesEachLetterUnderItsReason_inAGzipJsonlObjectNamedByContent() throws IOException {
        // given
        DeadLetter letter = letter(7, RejectionReason.BUNDLE_MALFORMED_JSON);

        // when
        try (FileDeadLetterSink sink = new FileDeadLetterSink(out, POOL)) {
            sink.write(List.of(letter), FAR_DEADLINE);
        }

        // then
        List<String> files = Trees.files(out);
        assertThat(files).singleElement().asString()
                .matches("dead-letters/reason=bundle\\.malformed_json/part-[0-9a-f]{20}\\.jsonl\\.gz");
        byte[] object = Files.readAllBytes(out.resolve(files.getFirst()));
        assertThat(Trees.gunzip(object)).isEqualTo((letter.line().asUtf8() + "\n").getBytes());
    }

    @Test
    void write_givesTheSameTree_whenRunTwice_andLeavesNoTemporaryFiles() throws IOException {
        // given
        List<DeadLetter> letters = letters(0, 500);
        try (FileDeadLetterSink sink = new FileDeadLetterSink(out, 3, 2048, POOL)) {
            sink.write(letters, FAR_DEADLINE);
        }
        String first = Trees.hash(out);

        // when
        try (FileDeadLetterSink sink = new FileDeadLetterSink(out, 3, 2048, Runnable::run)) {
            sink.write(letters, FAR_DEADLINE);
        }

        // then
        assertThat(Trees.hash(out)).isEqualTo(first);
        assertThat(Trees.files(out)).noneMatch(file -> file.contains("/.") || file.endsWith(".tmp"));
    }

    @Test
    void constructor_throwsPortException_whenTheOutputFolderCannotBeCreated() throws IOException {
        // given
        Path impossible = Files.writeString(out.resolve("a-file"), "x").resolve("out");

        // when / then
        assertThatThrownBy(() -> new FileDeadLetterSink(impossible, POOL))
                .isInstanceOf(PortException.class)
                .hasMessageStartingWith("cannot write to " + impossible + ": ");
    }
}
