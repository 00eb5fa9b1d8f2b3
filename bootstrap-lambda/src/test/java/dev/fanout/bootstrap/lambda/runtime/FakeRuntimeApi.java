package dev.fanout.bootstrap.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (version 2018-06-01) as the runtime interface client 2.10.1 speaks it, for a function
 * started on this machine: {@code GET /2018-06-01/runtime/invocation/next} hands out queued events (and blocks
 * while none is queued, as Lambda does between invocations), {@code POST …/invocation/{id}/response} and
 * {@code …/{id}/error} and {@code POST /2018-06-01/runtime/init/error} are recorded and answered 202.
 *
 * <p>What the client needs, from its source (aws-lambda-java-libs, aws-lambda-java-runtime-interface-client
 * 2.10.1): {@code next} and {@code response} go through the bundled aws-lambda-cpp 0.2.7 over curl, which reads the
 * headers {@code Lambda-Runtime-Aws-Request-Id} (required), {@code Lambda-Runtime-Deadline-Ms} (epoch
 * milliseconds), {@code Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id}, case-insensitively,
 * and takes any 2xx as success; errors go through {@code HttpURLConnection}, carry
 * {@code Lambda-Runtime-Function-Error-Type} and a JSON body {@code {errorMessage, errorType, stackTrace}}, and
 * must be answered 202. As Lambda does, a response over 6 MB (6,291,456 bytes) is refused with 413.
 */
public final class FakeRuntimeApi implements AutoCloseable {

    /** Lambda's limit on a synchronous invocation's response payload. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-west-2:123456789012:function:fanout-it";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
    private final CompletableFuture<Result.Failure> initError = new CompletableFuture<>();
    private final CompletableFuture<Instant> firstNext = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean closed;

    private FakeRuntimeApi(HttpServer server) {
        this.server = server;
        server.createContext(PREFIX, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A started fake on a free port of the loopback interface. */
    public static FakeRuntimeApi start() {
        try {
            return new FakeRuntimeApi(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues an invocation of {@code event}; its deadline is {@code timeout} after the function takes it.
     *
     * @return the invocation, whose result {@link #awaitResult} waits for
     */
    public Invocation invoke(byte[] event, Duration timeout) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timeout, "timeout");
        String requestId = "it-" + ids.incrementAndGet() + "-0000-4000-8000-000000000000";
        CompletableFuture<Instant> takenAt = new CompletableFuture<>();
        results.put(requestId, new CompletableFuture<>());
        queue.add(new Queued(requestId, event, timeout, takenAt));
        return new Invocation(requestId, takenAt);
    }

    /** The recorded result of {@code invocation}, waiting up to {@code wait} for it. */
    public Result awaitResult(Invocation invocation, Duration wait) {
        return await(results.get(invocation.requestId()), wait, "a result of " + invocation.requestId());
    }

    /** The init error the function posted, waiting up to {@code wait} for it. */
    public Result.Failure awaitInitError(Duration wait) {
        return await(initError, wait, "an init error");
    }

    /** The init error, if one was posted. */
    public Optional<Result.Failure> initError() {
        return Optional.ofNullable(initError.getNow(null));
    }

    /** When the function first asked for an invocation (its init was over), waiting up to {@code wait}. */
    public Instant awaitFirstNext(Duration wait) {
        return await(firstNext, wait, "the first GET next");
    }

    /** Whether the function has asked for an invocation yet (it does once its init is over). */
    public boolean askedForInvocations() {
        return firstNext.isDone();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(failure(exchange));
                answer(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                post(exchange, path.substring("invocation/".length()));
            } else {
                answer(exchange, 404, "{\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(Instant.now());
        Queued queued = null;
        try {
            while (queued == null && !closed) {
                queued = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (queued == null) {
            answer(exchange, 500, "{\"errorType\":\"ShuttingDown\"}");
            return;
        }
        Instant now = Instant.now();
        queued.takenAt().complete(now);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", queued.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(now.plus(queued.timeout()).toEpochMilli()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        exchange.sendResponseHeaders(200, queued.event().length == 0 ? -1 : queued.event().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(queued.event());
        }
    }

    private void post(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String requestId = slash < 0 ? rest : rest.substring(0, slash);
        String what = slash < 0 ? "" : rest.substring(slash + 1);
        CompletableFuture<Result> result = results.get(requestId);
        if (result == null || !(what.equals("response") || what.equals("error"))) {
            answer(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        if (what.equals("error")) {
            result.complete(failure(exchange));
            answer(exchange, 202, "{\"status\":\"OK\"}");
            return;
        }
        byte[] body = read(exchange);
        if (body.length > MAX_RESPONSE_BYTES) {
            result.complete(new Result.Oversized(body.length, Instant.now()));
            answer(exchange, 413, "{\"errorType\":\"RequestEntityTooLarge\"}");
            return;
        }
        result.complete(new Result.Success(body, Instant.now()));
        answer(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static Result.Failure failure(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return new Result.Failure(type == null ? "" : type, new String(read(exchange), StandardCharsets.UTF_8),
                Instant.now());
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration wait, String what) {
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + wait, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Queued(String requestId, byte[] event, Duration timeout, CompletableFuture<Instant> takenAt) {
    }

    /**
     * One queued invocation.
     *
     * @param requestId its {@code Lambda-Runtime-Aws-Request-Id}
     * @param takenAt   completes when the function takes it, with the instant its deadline counts from
     */
    public record Invocation(String requestId, CompletableFuture<Instant> takenAt) {
    }

    /** What the function answered to one invocation (or to its init). */
    public sealed interface Result {

        /** A response posted to {@code …/response}. */
        record Success(byte[] body, Instant at) implements Result {
            public String text() {
                return new String(body, StandardCharsets.UTF_8);
            }
        }

        /**
         * An error posted to {@code …/error} or {@code init/error}.
         *
         * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header
         * @param body      the JSON body: errorMessage, errorType, stackTrace
         */
        record Failure(String errorType, String body, Instant at) implements Result {
        }

        /** A response over Lambda's 6 MB limit, refused with 413. */
        record Oversized(int bytes, Instant at) implements Result {
        }
    }
}
