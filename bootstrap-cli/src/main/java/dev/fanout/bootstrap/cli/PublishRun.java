package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.aws.pipes.PipesEventRecords;
import dev.fanout.adapters.kafka.KafkaBundlePublisher;
import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.OutgoingRecord;
import dev.fanout.ports.PortException;
import dev.fanout.ports.PublishOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code fanout publish}: the inputs read by the replay's file source (with the Pipes decoder that keeps
 * keys and headers), each bundle sent as one record by {@link KafkaBundlePublisher}.
 */
final class PublishRun {

    /** What the command line said, validated. */
    record Options(List<Path> inputs, String bootstrap, String topic, Path cert, Path key, String keyPassword,
                   Path ca, Duration timeout) {
        Options {
            inputs = List.copyOf(inputs);
            Objects.requireNonNull(bootstrap, "bootstrap");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(timeout, "timeout");
            if (!bootstrap.matches("[^\\s,:]+:[0-9]{1,5}(,[^\\s,:]+:[0-9]{1,5})*")) {
                throw new IllegalArgumentException("--bootstrap takes HOST:PORT[,HOST:PORT…], not " + bootstrap);
            }
        }
    }

    /** What happened, as the summary and the one error line say it. */
    record Report(String bootstrap, String topic, PublishOutcome outcome, long badEnvelopes, long tooLarge) {

        String render() {
            String text = String.format(Locale.ROOT, "sent         %,d records to topic '%s' on %s%n"
                    + "acknowledged %,d%n", outcome.sent(), topic, bootstrap, outcome.acknowledged());
            if (badEnvelopes > 0) {
                text += String.format(Locale.ROOT, "not sent     %,d Pipes records without a bundle (bad envelope)%n",
                        badEnvelopes);
            }
            if (tooLarge > 0) {
                text += String.format(Locale.ROOT, "not sent     %,d bundles over the bundle limit (replay keeps them as"
                        + " bundle.too_large dead letters)%n", tooLarge);
            }
            return text;
        }

        Optional<String> error() {
            if (outcome.complete()) {
                return Optional.empty();
            }
            return Optional.of(String.format(Locale.ROOT, "%,d of %,d records were not acknowledged by %s%s",
                    outcome.sent() - outcome.acknowledged(), outcome.sent(), bootstrap,
                    outcome.firstRefusal().map(r -> "; first: " + r).orElse("")));
        }
    }

    private final Options options;

    PublishRun(Options options) {
        this.options = options;
    }

    Report run() {
        KafkaBundlePublisher.Settings settings;
        try {
            settings = new KafkaBundlePublisher.Settings(options.bootstrap(), options.topic(), pem(options.cert()),
                    pem(options.key()), Optional.ofNullable(options.keyPassword()),
                    options.ca() == null ? Optional.empty() : Optional.of(pem(options.ca())), options.timeout());
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        }
        PipesEventRecords decoder = new PipesEventRecords();
        long[] notSent = {0, 0}; // bad envelopes, bundles over the limit
        try (FileBundleSource source = new FileBundleSource(options.inputs(), decoder);
             KafkaBundlePublisher publisher = new KafkaBundlePublisher(settings)) {
            Iterable<OutgoingRecord> records = () -> new Records(source, decoder, notSent);
            PublishOutcome outcome = publisher.publish(records);
            return new Report(options.bootstrap(), options.topic(), outcome, notSent[0], notSent[1]);
        }
    }

    private static String pem(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new PortException("cannot read " + file + ": " + why, e);
        }
    }

    /** The source's bundles as records, read as the publisher asks for them. */
    private static final class Records implements Iterator<OutgoingRecord> {
        private final FileBundleSource source;
        private final PipesEventRecords decoder;
        private final long[] badEnvelopes;
        private OutgoingRecord next;

        Records(FileBundleSource source, PipesEventRecords decoder, long[] badEnvelopes) {
            this.source = source;
            this.decoder = decoder;
            this.badEnvelopes = badEnvelopes;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                Optional<BundleEnvelope> envelope = source.next();
                if (envelope.isEmpty()) {
                    return false;
                }
                switch (envelope.get()) {
                    case BundleEnvelope.RawBundle raw -> next = decoder.outgoing(raw);
                    case BundleEnvelope.BadEnvelope bad -> badEnvelopes[0]++;
                    // Only its first bytes were read, so it cannot be sent as it was.
                    case BundleEnvelope.TooLarge tooLarge -> badEnvelopes[1]++;
                }
            }
            return true;
        }

        @Override
        public OutgoingRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            OutgoingRecord record = next;
            next = null;
            return record;
        }
    }
}
