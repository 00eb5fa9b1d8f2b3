package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.contract.RowSinkContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRowSinkTest extends RowSinkContract {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final long SMALL_BUDGET = 8 * 1024;

    @TempDir
    Path out;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Override
    protected RowSink newSink() {
        return new FileRowSink(out, 1, SMALL_BUDGET, POOL);
    }

    @Override
    protected List<StoredRow> readBack(RowSink sink) throws IOException {
        List<StoredRow> rows = new ArrayList<>();
        for (String file : Trees.files(out)) {
            String[] parts = file.split("/");
            assertThat(parts).hasSize(6);
            assertThat(parts[0]).isEqualTo("rows");
            PartitionKey partition = new PartitionKey(value(parts[1], "orgid="), value(parts[2], "metric="),
                    value(parts[3], "dt="), value(parts[4], "hour="));
            for (byte[] line : Trees.jsonLines(out.resolve(file))) {
                rows.add(new StoredRow(partition, new Payload(line)));
            }
        }
        return rows;
    }

    @Test
    void write_placesEachRowUnderItsPartitionPath_inAGzipJsonlObjectNamedByContent() throws IOException {
        // given
        PartitionKey partition = new PartitionKey("org%2F1", "InOctets", "2026-11-21", "07");
        EncodedRow first = row(1, partition, "{\"n\":1}");
        EncodedRow second = row(2, partition, "{\"n\":2}");

        // when
        try (FileRowSink sink = new FileRowSink(out, 6, SMALL_BUDGET, POOL)) {
            sink.write(List.of(first, second), FAR_DEADLINE);
        }

        // then
        List<String> files = Trees.files(out);
        assertThat(files).singleElement().asString()
                .matches("rows/orgid=org%2F1/metric=InOctets/dt=2026-11-21/hour=07/part-[0-9a-f]{20}\\.jsonl\\.gz");
        byte[] object = Files.readAllBytes(out.resolve(files.getFirst()));
        assertThat(new String(Trees.gunzip(object))).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
    }

    @Test
    void write_namesEachObjectWithTheGivenSha256_whichGivesTheSameNamesAsTheJdks() throws IOException {
        // given: a digest source that counts what it hands out
        PartitionKey partition = new PartitionKey("acme", "InOctets", "2026-11-21", "07");
        AtomicInteger digests = new AtomicInteger();
        Path other = out.resolve("jdk");

        // when
        try (FileRowSink sink = new FileRowSink(out.resolve("given"), new GzipSettings(1, true), SMALL_BUDGET, POOL,
                () -> {
                    digests.incrementAndGet();
                    return GzipObjectWriter.jdkSha256();
                })) {
            sink.write(List.of(row(1, partition, "{\"n\":1}")), FAR_DEADLINE);
        }
        try (FileRowSink sink = new FileRowSink(other, new GzipSettings(1, true), SMALL_BUDGET, POOL)) {
            sink.write(List.of(row(1, partition, "{\"n\":1}")), FAR_DEADLINE);
        }

        // then
        assertThat(digests).hasValue(1);
        assertThat(Trees.files(out.resolve("given"))).isEqualTo(Trees.files(other));
    }

    @Test
    void write_givesTheSameObjectNames_whateverTheGzipEngineAndLevel() throws IOException {
        // given: the same rows, compressed by libdeflate (where it loads) and by the JDK's zlib at two levels
        Path libdeflate = out.resolve("libdeflate");
        Path zlib = out.resolve("zlib");
        Path zlib9 = out.resolve("zlib9");

        // when
        writeAll(new FileRowSink(libdeflate, new GzipSettings(1, true), SMALL_BUDGET, POOL));
        writeAll(new FileRowSink(zlib, new GzipSettings(1, false), SMALL_BUDGET, POOL));
        writeAll(new FileRowSink(zlib9, new GzipSettings(9, false), SMALL_BUDGET, POOL));

        // then: the names are those of the rows; the bytes are each engine's and level's own
        List<String> names = Trees.files(zlib);
        assertThat(names).hasSizeGreaterThan(5);
        assertThat(Trees.files(zlib9)).isEqualTo(names);
        assertThat(Trees.files(libdeflate)).isEqualTo(names);
        assertThat(Files.readAllBytes(zlib9.resolve(names.getFirst())))
                .isNotEqualTo(Files.readAllBytes(zlib.resolve(names.getFirst())));
        for (String name : names) {
            assertThat(Trees.gunzip(Files.readAllBytes(libdeflate.resolve(name))))
                    .isEqualTo(Trees.gunzip(Files.readAllBytes(zlib.resolve(name))));
        }
        if (GzipEngine.libdeflateProblem().isEmpty()) {
            assertThat(Files.readAllBytes(libdeflate.resolve(names.getFirst())))
                    .isNotEqualTo(Files.readAllBytes(zlib.resolve(names.getFirst())));
        }
    }

    @Test
    void write_removesTemporaryFilesOfProcessesThatAreGone_fromTheFoldersItWrites_andKeepsThoseOfLiveOnes()
            throws Exception {
        // given: a folder holding what a killed run left behind, and a temporary file of a process still running
        PartitionKey partition = new PartitionKey("o", "m", "2026-01-01", "00");
        Path folder = Files.createDirectories(out.resolve("rows/orgid=o/metric=m/dt=2026-01-01/hour=00"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path stale = Files.writeString(folder.resolve(".part-0123456789abcdef0123-" + gone.pid() + "-1-7.tmp"), "x");
        Path staleProbe = Files.writeString(out.resolve(".fanout-probe-" + gone.pid() + "-1.tmp"), "");
        Path busy = Files.writeString(folder.resolve(".part-0123456789abcdef0123-" + live + "-1-7.tmp"), "x");
        Path notOurs = Files.writeString(folder.resolve(".notes.tmp"), "x");

        // when
        try (FileRowSink sink = new FileRowSink(out, 1, SMALL_BUDGET, POOL)) {
            sink.write(List.of(row(1, partition, "{\"n\":1}")), FAR_DEADLINE);
        }

        // then
        assertThat(stale).doesNotExist();
        assertThat(staleProbe).doesNotExist();
        assertThat(busy).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void close_leavesNoTemporaryFiles_andCountsWhatItWrote() throws IOException {
        // given
        FileRowSink sink = new FileRowSink(out, 1, 2048, POOL);

        // when
        for (int batch = 0; batch < 10; batch++) {
            sink.write(rows(batch * 100, 100, 9), FAR_DEADLINE);
        }
        sink.close();

        // then
        List<String> files = Trees.files(out);
        assertThat(files).allSatisfy(file -> assertThat(file)
                .matches("rows/(orgid|metric|dt|hour)=[^/]+/(?:[a-z]+=[^/]+/){3}part-[0-9a-f]{20}\\.jsonl\\.gz"));
        assertThat(sink.objectsWritten()).isEqualTo(files.size()).isGreaterThan(9);
        long bytes = 0;
        for (String file : files) {
            bytes += Files.size(out.resolve(file));
        }
        assertThat(sink.bytesWritten()).isEqualTo(bytes);
    }

    @Test
    void write_givesByteIdenticalTrees_forTheSameRows_whateverTheExecutor() throws IOException {
        // given
        Path one = out.resolve("one");
        Path two = out.resolve("two");

        // when
        writeAll(new FileRowSink(one, 3, 4096, POOL));
        writeAll(new FileRowSink(two, 3, 4096, Runnable::run));

        // then
        assertThat(Trees.files(one)).hasSizeGreaterThan(20);
        assertThat(Trees.hash(one)).isEqualTo(Trees.hash(two));
    }

    @Test
    void write_replacesInsteadOfDuplicating_whenRunAgainIntoTheSameFolder() throws IOException {
        // given
        writeAll(new FileRowSink(out, 3, 4096, POOL));
        String first = Trees.hash(out);
        List<String> files = Trees.files(out);

        // when
        writeAll(new FileRowSink(out, 3, 4096, POOL));

        // then
        assertThat(Trees.files(out)).isEqualTo(files);
        assertThat(Trees.hash(out)).isEqualTo(first);
    }

    @Test
    void write_keepsBothObjects_whenTheSameContentIsFlushedTwice() throws IOException {
        // given
        PartitionKey partition = new PartitionKey("o", "m", "2026-01-01", "00");
        EncodedRow row = row(1, partition, "{\"n\":\"" + "x".repeat(600) + "\"}");

        // when
        try (FileRowSink sink = new FileRowSink(out, 1, 500, POOL)) {
            sink.write(List.of(row), FAR_DEADLINE);
            sink.write(List.of(row), FAR_DEADLINE);
        }

        // then
        List<String> files = Trees.files(out);
        assertThat(files).hasSize(2);
        assertThat(files.get(0)).matches(".*/part-[0-9a-f]{20}-2\\.jsonl\\.gz");
        assertThat(files.get(1)).matches(".*/part-[0-9a-f]{20}\\.jsonl\\.gz");
    }

    @Test
    void write_flushesTheLargestPartitionsFirst_whenTheCapacityHeldPassesTwoThirdsOfTheBudget() throws IOException {
        // given: rows of 1,021 bytes with their newline; a buffer holds a 1 KiB chunk, then 16 KiB ones; two thirds
        // of the budget are 24,000 bytes
        PartitionKey big = new PartitionKey("o", "big", "2026-01-01", "00");
        PartitionKey small = new PartitionKey("o", "small", "2026-01-01", "00");
        String json = "{\"pad\":\"" + "p".repeat(1010) + "\"}";
        long budget = 36_000;

        // when: 17 big rows (17 KiB held) and a small one (1 KiB) fit; the 18th big row takes a second 16 KiB
        try (FileRowSink sink = new FileRowSink(out, 1, budget, Runnable::run)) {
            for (int n = 0; n < 17; n++) {
                sink.write(List.of(row(n, big, json)), FAR_DEADLINE);
            }
            sink.write(List.of(row(17, small, json)), FAR_DEADLINE);
            sink.write(List.of(row(18, big, json)), FAR_DEADLINE);
            sink.write(List.of(row(19, big, json), row(20, small, json)), FAR_DEADLINE);
        }

        // then: only the big partition was flushed, down to a third of the budget
        assertThat(linesPerObject("big")).containsExactlyInAnyOrder(18, 1);
        assertThat(linesPerObject("small")).containsExactly(2);
    }

    @Test
    void constructor_throwsPortException_whenTheOutputFolderCannotBeCreated() throws IOException {
        // given
        Path file = Files.writeString(out.resolve("a-file"), "in the way");
        Path impossible = file.resolve("out");

        // when / then
        assertThatThrownBy(() -> new FileRowSink(impossible, 1, SMALL_BUDGET, POOL))
                .isInstanceOf(PortException.class)
                .hasMessageStartingWith("cannot write to " + impossible + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void close_throwsPortException_andLeavesNoTemporaryFiles_whenAPartitionCannotBeWritten() throws IOException {
        // given
        FileRowSink sink = new FileRowSink(out, 1, 1L << 20, POOL);
        sink.write(rows(0, 30, 3), FAR_DEADLINE);
        Files.writeString(out.resolve("rows"), "a file where the rows folder should be");

        // when / then
        assertThatThrownBy(sink::close)
                .isInstanceOf(PortException.class)
                .hasMessageStartingWith("cannot write to ");
        assertThat(Trees.files(out)).containsExactly("rows");
    }

    @Test
    void close_removesTheTemporaryFile_whenTheObjectCannotBeRenamedIntoPlace() throws IOException {
        // given
        Path first = out.resolve("first");
        Path second = out.resolve("second");
        List<EncodedRow> rows = rows(0, 10, 1);
        try (FileRowSink sink = new FileRowSink(first, 1, SMALL_BUDGET, POOL)) {
            sink.write(rows, FAR_DEADLINE);
        }
        String object = Trees.files(first).getFirst();
        Files.createDirectories(second.resolve(object).resolve("a-folder-in-the-way"));
        FileRowSink sink = new FileRowSink(second, 1, SMALL_BUDGET, POOL);
        sink.write(rows, FAR_DEADLINE);

        // when / then
        assertThatThrownBy(sink::close)
                .isInstanceOf(PortException.class)
                .hasMessageStartingWith("cannot write to " + second.resolve(object).getParent() + ": ");
        assertThat(Trees.files(second)).isEmpty();
    }

    @Test
    void constructor_refusesAGzipLevelOutsideOneToNine() {
        // when / then
        assertThatThrownBy(() -> new FileRowSink(out, 0, SMALL_BUDGET, POOL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Integer> linesPerObject(String metric) throws IOException {
        List<Integer> counts = new ArrayList<>();
        for (String file : Trees.files(out)) {
            if (file.contains("/metric=" + metric + "/")) {
                counts.add(Trees.jsonLines(out.resolve(file)).size());
            }
        }
        return counts;
    }

    private static void writeAll(FileRowSink sink) {
        try (sink) {
            for (int batch = 0; batch < 15; batch++) {
                sink.write(rows(batch * 200, 200, 13), FAR_DEADLINE);
            }
        }
    }

    private static String value(String segment, String prefix) {
        assertThat(segment).startsWith(prefix);
        return segment.substring(prefix.length());
    }
}
