package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.aws.fakes.Reply;
import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A fault soak of {@code fanout replay --firehose}: the bundled samples replayed again and again, for
 * {@code -Dfanout.soak.duration} (default 30s; 10m is the documented long run, docs/reliability.md), through
 * the real SDK clients to fakes that throttle, refuse records, fail with 5xx, answer after the call timeout
 * and reset connections. Every round: no row lost (each is stored, or the replay reports it unwritten), a row
 * stored twice only where a call's outcome was unknown and the summary counts it, every dead letter in S3.
 * Over the run: heap and threads stay flat.
 */
class FirehoseReplaySoakTest {

    private static final String STREAM = "rows-soak";
    private static final String BUCKET = "fanout-soak";
    private static final Pattern DUPLICATES = Pattern.compile("duplicates\\s+([0-9,]+) rows possibly stored twice");
    private static final Pattern UNWRITTEN = Pattern.compile("UNWRITTEN\\s+([0-9,]+) rows");
    private static final CliEnvironment AWS = new CliEnvironment(Optional.of("eu-west-1"), ProgressMode.NEVER,
            () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), true);
    /** Heap growth tolerated between the first rounds and the last: far below what one round's rows take. */
    private static final long HEAP_SLACK = 24L << 20;
    /** Threads tolerated beyond the most seen in the first rounds: pools that are still winding down. */
    private static final int THREAD_SLACK = 2;
    private static final int WARM_UP_ROUNDS = 2;

    private static List<String> expectedRows;
    private static List<String> expectedDeadLetters;

    @BeforeAll
    static void replayTheSamplesToFiles(@TempDir Path out) {
        CommandRunner.Result files = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(),
                "--out", out.toString(), "--org-key", "tenant");
        assertThat(files.exitCode()).as(files.err()).isZero();
        expectedRows = sorted(lines(out, "rows"));
        expectedDeadLetters = sorted(lines(out, "dead-letters"));
    }

    @Test
    void replay_losesNothing_countsEveryPossibleDuplicate_andStaysFlat_underInjectedFaults() {
        // given: faults on about a third of the calls, from a seeded random
        Duration soak = duration(System.getProperty("fanout.soak.duration", "30s"));
        SplittableRandom random = new SplittableRandom(15);
        List<Round> rounds = new ArrayList<>();
        try (FakeAws fake = new FakeAws()) {
            fake.firehose((call, records) -> firehoseFault(random, records))
                    .s3((call, records) -> s3Fault(random));
            long end = System.nanoTime() + soak.toNanos();

            // when
            while (rounds.size() < WARM_UP_ROUNDS + 3 || System.nanoTime() < end) {
                fake.forget();
                CommandRunner.Result result = CommandRunner.runIn(AWS, "replay", ReplayCommandTest.SAMPLES.toString(),
                        "--org-key", "tenant", "--firehose", STREAM, "--endpoint-url", fake.endpoint(),
                        "--dead-letters", "s3://" + BUCKET + "/soak", "--rows-per-record", "1",
                        "--call-timeout", "1s", "--write-timeout", "60s");
                rounds.add(check(rounds.size(), result, fake));
            }
        }

        // then: heap and threads flat from the first rounds (after warm-up) to the last
        List<Round> settled = rounds.subList(WARM_UP_ROUNDS, rounds.size());
        long heapBefore = settled.subList(0, 3).stream().mapToLong(Round::heapUsed).min().orElseThrow();
        long heapAfter = settled.subList(settled.size() - 3, settled.size()).stream().mapToLong(Round::heapUsed).min()
                .orElseThrow();
        int threadsBefore = settled.subList(0, 3).stream().mapToInt(Round::threads).max().orElseThrow();
        int threadsAfter = settled.subList(settled.size() - 3, settled.size()).stream().mapToInt(Round::threads).min()
                .orElseThrow();
        System.out.printf(Locale.ROOT, "soak %s: %d rounds, %d rows each, %d PutRecordBatch calls, %d faults, %d rows"
                        + " stored twice (%d counted as possible duplicates); heap %d -> %d KiB, threads %d -> %d%n",
                soak, rounds.size(), expectedRows.size(), rounds.stream().mapToLong(Round::calls).sum(),
                rounds.stream().mapToLong(Round::faults).sum(), rounds.stream().mapToLong(Round::storedTwice).sum(),
                rounds.stream().mapToLong(Round::counted).sum(), heapBefore >> 10, heapAfter >> 10, threadsBefore,
                threadsAfter);
        assertThat(heapAfter).as("heap after GC, last rounds vs first").isLessThan(heapBefore + HEAP_SLACK);
        assertThat(threadsAfter).as("live threads, last rounds vs first").isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
        assertThat(rounds.stream().mapToLong(Round::faults).sum()).as("faults injected").isPositive();
    }

    /** One round's promises; what it measured. */
    private static Round check(int round, CommandRunner.Result result, FakeAws fake) {
        String what = "round " + round + ":\n" + result.out() + result.err();
        Map<String, Long> timesStored = fake.storedRows().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long missing = expectedRows.stream().filter(row -> !timesStored.containsKey(row)).count();
        Matcher unwritten = UNWRITTEN.matcher(result.out());
        long reportedUnwritten = unwritten.find() ? number(unwritten.group(1)) : 0;
        // no row lost: stored, or reported unwritten (and then the run says so with exit 1)
        assertThat(missing).as(what).isLessThanOrEqualTo(reportedUnwritten);
        assertThat(result.exitCode()).as(what).isEqualTo(reportedUnwritten == 0 ? 0 : 1);
        assertThat(timesStored.keySet()).as("only expected rows are stored").isSubsetOf(expectedRows);
        // duplicates only where a call's outcome was unknown, and counted
        long storedTwice = timesStored.values().stream().filter(times -> times > 1).count();
        Matcher duplicates = DUPLICATES.matcher(result.out());
        assertThat(duplicates.find()).as(what).isTrue();
        long counted = number(duplicates.group(1));
        assertThat(storedTwice).as(what).isLessThanOrEqualTo(counted);
        if (result.exitCode() == 0) {
            assertThat(sorted(fake.objects(BUCKET).values().stream().flatMap(String::lines).toList())).as(what)
                    .isEqualTo(expectedDeadLetters);
        }
        long faults = fake.calls().stream().filter(call -> !call.reply().equals(Accept.all())).count()
                + fake.puts().stream().filter(put -> !put.reply().equals(Accept.all())).count();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Round(heap, liveThreadsButTheHosts(), fake.calls().size(), faults, storedTwice, counted);
    }

    /**
     * Live threads, less those whose number follows the host's load rather than the replay's: the fake endpoint's
     * server pool (Jetty, "qtp…") and the JDK's common pool, both bounded. A thread the replay leaks per round
     * still counts.
     */
    private static int liveThreadsButTheHosts() {
        return (int) Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> !name.startsWith("qtp") && !name.startsWith("ForkJoinPool.commonPool")).count();
    }

    private record Round(long heapUsed, int threads, long calls, long faults, long storedTwice, long counted) {
    }

    /** 12 % throttled, 4 % 500, 12 % some records refused, 3 % slower than the call timeout, 3 % reset. */
    private static Reply firehoseFault(SplittableRandom random, int records) {
        synchronized (random) {
            double p = random.nextDouble();
            if (p < 0.06) {
                return new Fail(503, "ServiceUnavailableException", "Slow down.");
            } else if (p < 0.12) {
                return new Fail(400, "ThrottlingException", "Rate exceeded");
            } else if (p < 0.16) {
                return new Fail(500, "InternalFailure", "try again");
            } else if (p < 0.28) {
                Map<Integer, String> refused = new HashMap<>();
                for (int i = 0; i < records; i++) {
                    if (random.nextDouble() < 0.25) {
                        refused.put(i, random.nextBoolean() ? "ServiceUnavailableException" : "InternalFailure");
                    }
                }
                return new Accept(refused);
            } else if (p < 0.31) {
                return new Slow(Duration.ofMillis(1_400));
            } else if (p < 0.34) {
                return new Reset();
            }
            return Accept.all();
        }
    }

    /** 8 % SlowDown, 3 % 500, 3 % reset. */
    private static Reply s3Fault(SplittableRandom random) {
        synchronized (random) {
            double p = random.nextDouble();
            if (p < 0.08) {
                return new Fail(503, "SlowDown", "Please reduce your request rate.");
            } else if (p < 0.11) {
                return new Fail(500, "InternalError", "try again");
            } else if (p < 0.14) {
                return new Reset();
            }
            return Accept.all();
        }
    }

    /** "30s", "10m" or an ISO-8601 duration. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(text);
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private static List<String> lines(Path root, String top) {
        return OutputTree.objects(root.resolve(top)).stream().flatMap(object -> OutputTree.gunzip(object).lines()).toList();
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
