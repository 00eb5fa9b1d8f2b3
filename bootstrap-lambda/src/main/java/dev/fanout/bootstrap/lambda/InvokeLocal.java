package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * {@code fanout invoke-local --handler target|enrichment|transform --event FILE [--timeout 5m]}: runs a handler on
 * a recorded event exactly as Lambda would, through the handler class itself (the same static init, the same
 * configuration read from the environment, the same wiring), with a local context whose remaining time runs
 * down from the timeout. Prints the response on stdout and the function's log lines on stderr. Exit status: 0
 * when the handler answered, 1 when it failed (init or invocation), 2 for a usage error.
 */
public final class InvokeLocal {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    static final String USAGE = """
            Usage: fanout invoke-local --handler target|enrichment|transform --event FILE [--timeout DURATION]
            Runs a Lambda handler on a recorded event with the function's wiring and configuration, prints its
            response on stdout and its JSON log lines on stderr; exits 1 when the handler fails.
              --handler NAME      target (the Pipe target), enrichment (the Pipe enrichment) or transform
                                  (the Firehose data transformation)
              --event FILE        the event: a Pipes Kafka batch (target, enrichment) or a Firehose
                                  transformation event (transform)
              --timeout DURATION  the function's timeout, e.g. 60s (default 5m: the pipe's limit)
              -h, --help          this help
            Configuration comes from the environment, as in Lambda: FANOUT_ROWS_STREAM, FANOUT_DEAD_LETTER_BUCKET,
            AWS_REGION, AWS_ENDPOINT_URL… (see README, "The Lambda"). Credentials: the AWS SDK's default chain.
            """;

    private InvokeLocal() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs and returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("fanout invoke-local: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (arguments == null) {
            out.print(USAGE);
            return 0;
        }
        byte[] event;
        try {
            event = Files.readAllBytes(arguments.event());
        } catch (NoSuchFileException e) {
            err.println("fanout invoke-local: no such event file: " + arguments.event());
            return 2;
        } catch (IOException e) {
            err.println("fanout invoke-local: cannot read " + arguments.event() + ": " + e.getMessage());
            return 2;
        }
        RequestStreamHandler handler;
        try {
            handler = handlerFor(arguments.handler()).get();
        } catch (ConfigException e) {
            // The handler already logged the line naming the variable; say it once more, plainly.
            err.println("fanout invoke-local: init failed: " + e.getMessage());
            return 1;
        } catch (ExceptionInInitializerError e) {
            err.println("fanout invoke-local: init failed: " + e.getCause());
            return 1;
        }
        return invoke(handler, event, arguments.timeout(), out, err);
    }

    static int invoke(RequestStreamHandler handler, byte[] event, Duration timeout, PrintStream out, PrintStream err) {
        LocalContext context = new LocalContext("invoke-local", timeout, InstantSource.system(), err);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream input = new java.io.ByteArrayInputStream(event)) {
            handler.handleRequest(input, response, context);
        } catch (IOException | RuntimeException e) {
            err.println("fanout invoke-local: the handler failed: " + e.getMessage());
            return 1;
        }
        out.write(response.toByteArray(), 0, response.size());
        out.println();
        out.flush();
        return 0;
    }

    private static Supplier<RequestStreamHandler> handlerFor(HandlerKind kind) {
        return switch (kind) {
            case TARGET -> PipeTargetHandler::new;
            case ENRICHMENT -> PipeEnrichmentHandler::new;
            case TRANSFORM -> FirehoseTransformHandler::new;
        };
    }

    /** The parsed command line; {@code parse} gives null for {@code --help}. */
    record Arguments(HandlerKind handler, Path event, Duration timeout) {

        static Arguments parse(String[] args) {
            HandlerKind handler = null;
            Path event = null;
            Duration timeout = DEFAULT_TIMEOUT;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--handler" -> handler = HandlerKind.fromCliName(value(args, ++i, arg));
                    case "--event" -> event = Path.of(value(args, ++i, arg));
                    case "--timeout" -> timeout = Sizes.duration(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (handler == null) {
                throw new IllegalArgumentException("--handler is required");
            }
            if (event == null) {
                throw new IllegalArgumentException("--event is required");
            }
            if (timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be positive");
            }
            return new Arguments(handler, event, timeout);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
