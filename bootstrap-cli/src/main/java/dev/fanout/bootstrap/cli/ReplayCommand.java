package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.FileRowSink;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fanout replay}: bundle files in, the S3 row layout out (spec §6 and §7). */
@Command(name = "replay",
        header = "Replays bundle files into Row Event v1 rows, in the S3 layout.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Reads OTLP/JSON metric bundles from files and writes one Row Event v1 row",
            "per data point, in exactly the layout the AWS pipeline produces in S3:",
            "  DIR/rows/orgid=<org>/metric=<metric>/dt=<yyyy-MM-dd>/hour=<HH>/",
            "      part-<hash>.jsonl.gz",
            "  DIR/dead-letters/reason=<reason>/part-<hash>.jsonl.gz",
            "",
            "Inputs are files or directories (read recursively, in lexicographic order):",
            "  *.jsonl, *.ndjson   one bundle per line",
            "  *.json              one bundle, or a recorded EventBridge Pipes event",
            "                      (a JSON array)",
            "  any of them .gz     gzip is also recognised by content",
            "Other files are skipped and listed in the summary. Bad input never stops a",
            "run: it is kept under dead-letters/ with its reason. Replaying the same",
            "input again replaces the same objects instead of adding rows.",
            "",
            "With --firehose STREAM instead of --out, rows go through that Firehose",
            "stream, so a backfill lands in the production S3 layout through the real",
            "pipeline; dead letters go where --dead-letters says. Refused and throttled",
            "records are resent with backoff until --write-timeout; rows that a timed-out",
            "call may have stored twice are counted in the summary. A batch still",
            "unwritten then stops the replay (exit 1; rerunning is safe).",
        },
        footer = {"", "Exit status: 0 when the run completed (dead letters are data), 1 when an",
            "input is missing, the output cannot be written or any row or dead letter",
            "stayed unwritten (the summary counts them), 2 for unusable arguments."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private FanoutCommand parent;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Bundle files or directories.")
    private List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory for rows and dead letters (created if missing; objects in it are"
                    + " replaced, never appended). Required unless --firehose is given, and not allowed with it:"
                    + " then rows go to the stream and --dead-letters names where dead letters go.")
    private Path out;

    @Option(names = "--org-id", paramLabel = "ID",
            description = "Constant org id for every row (spec §5). Wins over --org-key.")
    private String orgId;

    @Option(names = "--org-key", paramLabel = "KEY",
            description = "Attribute key holding the org id, looked up in the resource, then the point attributes."
                    + " Without --org-id and --org-key (or when the key is missing) rows get orgId \"_unknown\".")
    private String orgKey;

    @Option(names = "--profile", paramLabel = "lmdp|otel", defaultValue = "lmdp",
            description = "Which attributes fill deviceId, host, datasource, instance (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--record-limit", paramLabel = "BYTES", defaultValue = "1000KiB", converter = ByteSize.class,
            description = "Largest encoded row; larger points become row.too_large (default: ${DEFAULT-VALUE}).")
    private long recordLimit;

    @Option(names = "--max-bundle-bytes", paramLabel = "BYTES", defaultValue = "8MiB", converter = ByteSize.class,
            description = "Largest bundle; larger ones become bundle.too_large (default: ${DEFAULT-VALUE}).")
    private long maxBundleBytes;

    @Option(names = "--max-points", paramLabel = "N", defaultValue = "200000",
            description = "Most data points in one bundle (default: ${DEFAULT-VALUE}).")
    private int maxPoints;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "64",
            description = "Deepest JSON nesting in a bundle (default: ${DEFAULT-VALUE}).")
    private int maxDepth;

    @Option(names = "--max-string-length", paramLabel = "CHARS", defaultValue = "1048576",
            description = "Longest JSON string or key in a bundle (default: ${DEFAULT-VALUE}).")
    private int maxStringChars;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for decoding, encoding and compression (default: the number of cores).")
    private Integer threads;

    @Option(names = "--gzip-level", paramLabel = "1-9", defaultValue = "" + FileRowSink.DEFAULT_GZIP_LEVEL,
            description = "Compression level of the output objects (default: ${DEFAULT-VALUE}).")
    private int gzipLevel;

    @Option(names = "--buffer", paramLabel = "BYTES", defaultValue = "" + FileRowSink.DEFAULT_MEMORY_BUDGET_BYTES,
            converter = ByteSize.class, description = "Rows kept in memory before objects are written, off the"
                    + " heap; at most a third of the JVM's -Xmx, ~250 MiB with the launcher (default: ${DEFAULT-VALUE}"
                    + " bytes).")
    private long bufferBytes;

    @Option(names = "--progress", paramLabel = "auto|always|never",
            description = "Progress bar on stderr (default: auto, when stderr is a terminal).")
    private ProgressMode progress;

    @ArgGroup(exclusive = false, heading = "%nBackfill through Amazon Data Firehose (instead of --out):%n")
    private FirehoseArgs firehose;

    @Override
    public Integer call() {
        // Every argument is checked before anything is read or written: a usage error touches nothing.
        ReplayOptions options = options();
        NativeSha256.install(parent.environment().nativeLibraries());   // main() started it on another thread
        ReplayReport report = firehose == null
                ? DaggerReplayComponent.builder().options(options).target(fileTarget()).build().replayRun().run()
                : DaggerFirehoseReplayComponent.builder().options(options).target(firehoseTarget()).build()
                        .replayRun().run();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(report.render());
        stdout.flush();
        report.error().ifPresent(error -> spec.commandLine().getErr().println("fanout: error: " + error));
        return report.exitCode();
    }

    private ReplayOptions options() {
        ProgressMode mode = progress != null ? progress : parent.environment().progress();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try {
            FanOutSettings.Limits limits = new FanOutSettings.Limits(maxBundleBytes, maxDepth, maxPoints,
                    maxStringChars, Math.toIntExact(recordLimit));
            FanOutSettings fanOut = new FanOutSettings(Optional.ofNullable(orgId), Optional.ofNullable(orgKey),
                    Profile.fromName(profile), limits);
            return new ReplayOptions(inputs, fanOut, workers, gzipLevel, bufferBytes, mode != ProgressMode.NEVER,
                    parent.environment().nativeLibraries());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private FileTarget fileTarget() {
        if (out == null) {
            throw new ParameterException(spec.commandLine(),
                    "name where rows go: --out DIR for files, or --firehose STREAM (see --help)");
        }
        return new FileTarget(out);
    }

    private FirehoseOptions firehoseTarget() {
        // Not a dead-letter folder in disguise: with --firehose, every destination is named by its own option.
        if (out != null) {
            throw new ParameterException(spec.commandLine(), "--out writes rows to files and cannot be combined with"
                    + " --firehose; to keep dead letters in a local directory, use --dead-letters DIR");
        }
        try {
            return firehose.options(parent.environment());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
