package dev.fanout.bootstrap.cli;

import static dev.fanout.bootstrap.cli.CommandSpecs.option;
import static dev.fanout.bootstrap.cli.CommandSpecs.value;

import dev.fanout.adapters.local.file.FileRowSink;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code fanout replay}: bundle files in, the S3 row layout out (docs/row-event.md §6 and §7). Also
 * {@code fanout redrive}: the same command, options and wiring over dead-letter files, whose bundles it replays.
 */
final class ReplayCommand implements Callable<Integer> {

    private static final String HEADER = "Replays bundle files into Row Event v1 rows, in the S3 layout.";
    private static final String[] DESCRIPTION = {
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
        "run: it is kept under dead-letters/ with its reason; a bundle larger than",
        "--max-bundle-bytes is never held in memory (its dead letter keeps its size,",
        "hash and first 64 KiB). A damaged file (cut or corrupt gzip, unreadable,",
        "vanished) gives what was read of it and is reported. Replaying the same",
        "input again replaces the same objects instead of adding rows, also after a",
        "crash or kill, on any machine and with any gzip level or engine.",
        "",
        "With --firehose STREAM instead of --out, rows go through that Firehose",
        "stream, so a backfill lands in the production S3 layout through the real",
        "pipeline; dead letters go where --dead-letters says. Refused and throttled",
        "records are resent with backoff until --write-timeout; rows that a timed-out",
        "call may have stored twice are counted in the summary. A batch still",
        "unwritten then stops the replay (exit 1; rerunning is safe).",
    };
    private static final String[] FOOTER = {
        "",
        "Exit status: 0 when the run completed (dead letters are data), 1 when an",
        "input is missing or damaged (everything readable is still replayed), the",
        "output cannot be written or any row or dead letter stayed unwritten (the",
        "summary lists them), 2 for unusable arguments.",
    };

    private static final String REDRIVE_HEADER = "Replays the bundles of dead letters again, once their cause is"
            + " fixed.";
    private static final String[] REDRIVE_DESCRIPTION = {
        "Reads dead-letter files (dead-letters/reason=…/*.jsonl.gz, or folders of",
        "them) and fans the payload of every bundle dead letter out again, with its",
        "original provenance: the rows are exactly those the first run would have",
        "written without the cause (the same bundle ids, row ids and source), e.g.",
        "after raising --max-points or --max-bundle-bytes. The options are",
        "replay's; rows go to --out DIR or through --firehose STREAM.",
        "",
        "Point dead letters keep no payload (their bundle's other points are rows",
        "already) and bad envelopes keep no bundle: they are counted, by reason,",
        "under 'skipped', and not redriven. What fails again becomes a dead letter",
        "again, under the output's dead-letters/.",
    };

    private final CliEnvironment environment;
    private final InputKind inputKind;
    private final CommandSpec spec;

    ReplayCommand(CliEnvironment environment) {
        this(environment, InputKind.BUNDLES);
    }

    ReplayCommand(CliEnvironment environment, InputKind inputKind) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.inputKind = Objects.requireNonNull(inputKind, "inputKind");
        boolean redrive = inputKind == InputKind.DEAD_LETTERS;
        this.spec = CommandSpec.wrapWithoutInspection(this).name(redrive ? "redrive" : "replay");
        spec.usageMessage().header(redrive ? REDRIVE_HEADER : HEADER)
                .description(redrive ? REDRIVE_DESCRIPTION : DESCRIPTION).footer(FOOTER).sortOptions(false)
                .autoWidth(true);
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("1..*").required(true)
                .paramLabel(redrive ? "DEAD-LETTER-FILES-OR-DIRS" : "INPUT").type(List.class)
                .auxiliaryTypes(Path.class)
                .description(redrive ? "Dead-letter files or directories." : "Bundle files or directories.").build());
        spec.addOption(option("--out", "DIR", Path.class,
                "Output directory for rows and dead letters (created if missing; objects in it are"
                        + " replaced, never appended). Required unless --firehose is given, and not allowed with it:"
                        + " then rows go to the stream and --dead-letters names where dead letters go.").build());
        spec.addOption(option("--org-id", "ID", String.class,
                "Constant org id for every row (docs/row-event.md §5). Wins over --org-key.").build());
        spec.addOption(option("--org-key", "KEY", String.class,
                "Attribute key holding the org id, looked up in the resource, then the point attributes."
                        + " Without --org-id and --org-key (or when the key is missing) rows get orgId \"_unknown\".")
                .build());
        spec.addOption(option("--profile", "lmdp|otel", String.class,
                "Which attributes fill deviceId, host, datasource, instance (default: ${DEFAULT-VALUE}).")
                .defaultValue("lmdp").build());
        spec.addOption(option("--record-limit", "BYTES", Long.class,
                "Largest encoded row; larger points become row.too_large (default: ${DEFAULT-VALUE}).")
                .defaultValue("1000KiB").converters(new ByteSize()).build());
        spec.addOption(option("--max-bundle-bytes", "BYTES", Long.class,
                "Largest bundle; larger ones become bundle.too_large (default: ${DEFAULT-VALUE}).")
                .defaultValue("8MiB").converters(new ByteSize()).build());
        spec.addOption(option("--max-points", "N", Integer.class,
                "Most data points in one bundle (default: ${DEFAULT-VALUE}).").defaultValue("200000").build());
        spec.addOption(option("--max-depth", "N", Integer.class,
                "Deepest JSON nesting in a bundle (default: ${DEFAULT-VALUE}).").defaultValue("64").build());
        spec.addOption(option("--max-string-length", "CHARS", Integer.class,
                "Longest JSON string or key in a bundle (default: ${DEFAULT-VALUE}).").defaultValue("1048576")
                .build());
        spec.addOption(option("--threads", "N", Integer.class,
                "Worker threads for decoding, encoding and compression (default: the number of cores).").build());
        spec.addOption(option("--gzip-level", "1-9", Integer.class,
                "Compression level of the output objects (default: ${DEFAULT-VALUE}).")
                .defaultValue("" + FileRowSink.DEFAULT_GZIP_LEVEL).build());
        spec.addOption(option("--buffer", "BYTES", Long.class,
                "Off-heap memory for rows waiting to be written: the rows buffered per partition and those being"
                        + " compressed; the replay never holds more direct memory for them (dead letters are buffered"
                        + " on the heap). Objects are written when two thirds are in use. At most a third of the JVM's"
                        + " -Xmx, ~250 MiB with the launcher (default: ${DEFAULT-VALUE} bytes).")
                .defaultValue("" + FileRowSink.DEFAULT_MEMORY_BUDGET_BYTES).converters(new ByteSize()).build());
        spec.addOption(option("--progress", "auto|always|never", ProgressMode.class,
                "Progress bar on stderr (default: auto, when stderr is a terminal).").build());
        CommandSpecs.withStandardHelpOptions(spec);
        spec.addArgGroup(FirehoseArgs.group());
    }

    /** The command's picocli model, for the parent command line. */
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        // Every argument is checked before anything is read or written: a usage error touches nothing.
        ReplayOptions options = options();
        ReplayReport report = !FirehoseArgs.given(spec)
                ? DaggerReplayComponent.builder().options(options).target(fileTarget()).build().replayRun().run()
                : DaggerFirehoseReplayComponent.builder().options(options).target(firehoseTarget()).build()
                        .replayRun().run();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(report.render());
        stdout.flush();
        report.error().ifPresent(error -> spec.commandLine().getErr().println("fanout: error: " + error));
        if (!FirehoseArgs.given(spec)) {
            // Said once, after the run (not at start-up, where every millisecond shows): names do not depend on it.
            FileRowSink.nativeCompressionProblem(options.gzip()).ifPresent(problem -> spec.commandLine().getErr()
                    .println("fanout: note: libdeflate did not load (" + problem + "); objects were gzip'd with the"
                            + " JDK's zlib: the same names and rows, only slower"));
        }
        return report.exitCode();
    }

    private ReplayOptions options() {
        ProgressMode progress = value(spec, "--progress");
        ProgressMode mode = progress != null ? progress : environment.progress();
        Integer threads = value(spec, "--threads");
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try {
            long recordLimit = value(spec, "--record-limit");
            FanOutSettings.Limits limits = new FanOutSettings.Limits(value(spec, "--max-bundle-bytes"),
                    value(spec, "--max-depth"), value(spec, "--max-points"), value(spec, "--max-string-length"),
                    Math.toIntExact(recordLimit));
            FanOutSettings fanOut = new FanOutSettings(Optional.ofNullable(value(spec, "--org-id")),
                    Optional.ofNullable(value(spec, "--org-key")), Profile.fromName(value(spec, "--profile")), limits);
            List<Path> inputs = spec.positionalParameters().get(0).getValue();
            return new ReplayOptions(inputs, fanOut, workers, value(spec, "--gzip-level"), value(spec, "--buffer"),
                    mode != ProgressMode.NEVER, environment.nativeLibraries(), inputKind);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private FileTarget fileTarget() {
        Path out = value(spec, "--out");
        if (out == null) {
            throw new ParameterException(spec.commandLine(),
                    "name where rows go: --out DIR for files, or --firehose STREAM");
        }
        return new FileTarget(out);
    }

    private FirehoseOptions firehoseTarget() {
        // Not a dead-letter folder in disguise: with --firehose, every destination is named by its own option.
        if (value(spec, "--out") != null) {
            throw new ParameterException(spec.commandLine(), "--out writes rows to files and cannot be combined with"
                    + " --firehose; to keep dead letters in a local directory, use --dead-letters DIR");
        }
        try {
            return FirehoseArgs.options(spec, environment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
