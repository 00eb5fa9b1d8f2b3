package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.adapters.aws.fakes.Reply;
import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import dev.fanout.bootstrap.lambda.runtime.AwsFakes;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi.Result;
import dev.fanout.bootstrap.lambda.runtime.LambdaProcess;
import dev.fanout.bootstrap.lambda.runtime.MetricData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A fault soak of the Pipe target as AWS runs it (the built jar under the runtime interface client): the recorded
 * batch invoked again and again, for {@code -Dfanout.soak.duration} (default 30s; 10m is the documented long run,
 * docs/reliability.md), while Firehose throttles, fails with 5xx, refuses records, answers late and resets
 * connections, and S3 slows down. Every invocation: no row lost (a success stores every row; a failure, after
 * which the pipe sends the batch again, reports the rows it could not write), a row stored twice only where the
 * summary counts it as possibly duplicated. Over the run: the function JVM's heap after GC and its threads flat.
 */
class PipeTargetSoakIT {

    private static final String STREAM = "fanout-rows";
    private static final String BUCKET = "fanout-data";
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern HEAP_USED = Pattern.compile(
            "(?m)^\\s*(?:DefNew|Tenured|def new generation|tenured generation|garbage-first heap)\\s.*?used (\\d+)K");
    private static final long HEAP_SLACK_KIB = 16 * 1024;
    private static final int THREAD_SLACK = 2;
    private static final int WARM_UP_ROUNDS = 2;

    @Test
    void pipeTarget_losesNothing_countsEveryPossibleDuplicate_andStaysFlat_underInjectedFaults() {
        // given
        Duration soak = duration(System.getProperty("fanout.soak.duration", "30s"));
        ReferenceOutput reference = ReferenceOutput.load();
        Set<String> expectedRows = reference.rowsById().keySet();
        SplittableRandom random = new SplittableRandom(11);
        List<Round> rounds = new ArrayList<>();
        try (AwsFakes aws = new AwsFakes(); FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            aws.firehoseFaults(call -> firehoseFault(random));
            aws.s3Faults(call -> s3Fault(random));
            Map<String, String> env = new HashMap<>(aws.endpoints());
            env.put("FANOUT_ROWS_STREAM", STREAM);
            env.put("FANOUT_DEAD_LETTER_BUCKET", BUCKET);
            env.put("FANOUT_ORG_ID", "acme");
            try (LambdaProcess function = LambdaProcess.start("dev.fanout.bootstrap.lambda.PipeTargetHandler", runtime,
                    env, 1024)) {
                long end = System.nanoTime() + soak.toNanos();

                // when
                while (rounds.size() < WARM_UP_ROUNDS + 3 || System.nanoTime() < end) {
                    aws.reset();
                    Result result = runtime.awaitResult(runtime.invoke(ReferenceOutput.event(), INVOCATION_TIMEOUT),
                            INVOCATION_TIMEOUT.plusSeconds(30));
                    rounds.add(check(rounds.size(), result, aws, expectedRows, function));
                }
            }
        }

        // then
        List<Round> settled = rounds.subList(WARM_UP_ROUNDS, rounds.size());
        long heapBefore = settled.subList(0, 3).stream().mapToLong(Round::heapKib).min().orElseThrow();
        long heapAfter = settled.subList(settled.size() - 3, settled.size()).stream().mapToLong(Round::heapKib).min()
                .orElseThrow();
        int threadsBefore = settled.subList(0, 3).stream().mapToInt(Round::threads).max().orElseThrow();
        int threadsAfter = settled.subList(settled.size() - 3, settled.size()).stream().mapToInt(Round::threads).min()
                .orElseThrow();
        System.out.printf(Locale.ROOT, "lambda soak %s: %d invocations (%d failed, retried by the pipe), %d rows each,"
                        + " %d PutRecordBatch calls, %d rows stored twice (%d counted as possibly duplicated);"
                        + " function heap %d -> %d KiB, threads %d -> %d%n", soak, rounds.size(),
                rounds.stream().filter(Round::failed).count(), expectedRows.size(),
                rounds.stream().mapToLong(Round::calls).sum(), rounds.stream().mapToLong(Round::storedTwice).sum(),
                rounds.stream().mapToLong(Round::counted).sum(), heapBefore, heapAfter, threadsBefore, threadsAfter);
        assertThat(heapAfter).as("function heap after GC, last rounds vs first").isLessThan(heapBefore + HEAP_SLACK_KIB);
        assertThat(threadsAfter).as("function threads, last rounds vs first").isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
        assertThat(rounds.stream().mapToLong(Round::calls).sum()).isGreaterThan(rounds.size());
    }

    private static Round check(int round, Result result, AwsFakes aws, Set<String> expectedRows, LambdaProcess function) {
        String what = "invocation " + round + ": " + result + "\n" + tail(function.logText());
        Map<String, Long> timesStored = aws.storedRows().stream()
                .map(row -> ReferenceOutput.parse(row).path("rowId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long missing = expectedRows.stream().filter(id -> !timesStored.containsKey(id)).count();
        long storedTwice = timesStored.values().stream().filter(times -> times > 1).count();
        assertThat(timesStored.keySet()).as(what).isSubsetOf(expectedRows);
        long counted;
        boolean failed;
        if (result instanceof Result.Success success) {
            JsonNode summary = ReferenceOutput.parse(success.body());
            assertThat(summary.path("unwritten").asLong()).as(what).isZero();
            assertThat(missing).as(what).isZero();
            counted = summary.path("possiblyDuplicated").asLong();
            failed = false;
        } else {
            // the pipe sends the whole batch again; what is missing was reported unwritten
            assertThat(result).as(what).isInstanceOf(Result.Failure.class);
            assertThat(((Result.Failure) result).body()).as(what).contains("unwritten");
            MetricData metrics = aws.metricCalls().getFirst();
            long unwritten = Math.round(metrics.plain("UnwrittenRows").orElseThrow().value());
            assertThat(missing).as(what).isLessThanOrEqualTo(unwritten);
            counted = Math.round(metrics.plain("PossiblyDuplicatedRows").orElseThrow().value());
            failed = true;
        }
        assertThat(storedTwice).as(what).isLessThanOrEqualTo(counted);
        return new Round(heapKib(function.pid()), threads(function.pid()), aws.firehoseCalls().size(), storedTwice,
                counted, failed);
    }

    private record Round(long heapKib, int threads, long calls, long storedTwice, long counted, boolean failed) {
    }

    /** 10 % throttled, 4 % 500, 12 % some records refused, 3 % late, 3 % reset. */
    private static Optional<Reply> firehoseFault(SplittableRandom random) {
        synchronized (random) {
            double p = random.nextDouble();
            if (p < 0.05) {
                return Optional.of(new Fail(503, "ServiceUnavailableException", "Slow down."));
            } else if (p < 0.10) {
                return Optional.of(new Fail(400, "ThrottlingException", "Rate exceeded"));
            } else if (p < 0.14) {
                return Optional.of(new Fail(500, "InternalFailure", "try again"));
            } else if (p < 0.26) {
                return Optional.of(new Accept(Map.of(0, "ServiceUnavailableException", 1, "InternalFailure")));
            } else if (p < 0.29) {
                return Optional.of(new Slow(Duration.ofMillis(1_500)));
            } else if (p < 0.32) {
                return Optional.of(new Reset());
            }
            return Optional.empty();
        }
    }

    /** 8 % SlowDown, 3 % reset. */
    private static Optional<Reply> s3Fault(SplittableRandom random) {
        synchronized (random) {
            double p = random.nextDouble();
            if (p < 0.08) {
                return Optional.of(new Fail(503, "SlowDown", "Please reduce your request rate."));
            } else if (p < 0.11) {
                return Optional.of(new Reset());
            }
            return Optional.empty();
        }
    }

    /** The function JVM's heap after a full GC, through the JDK's jcmd, in KiB. */
    private static long heapKib(long pid) {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        assertThat(found).as("jcmd GC.heap_info names the heap's use").isTrue();
        return kib;
    }

    private static int threads(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("Threads:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("Threads:".length()).strip()))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    /** "30s", "10m" or an ISO-8601 duration. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(text);
    }
}
