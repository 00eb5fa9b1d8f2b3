package dev.fanout.domain.verify;

import dev.fanout.domain.json.JsonTree;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.StoredObject;
import dev.fanout.ports.StoredObjects;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Checks a stored output tree against the layout of docs/row-event.md §6 ({@code fanout verify}): every object under
 * {@code rows/} sits in a valid partition folder, is a complete gzip object, and every line is a row whose
 * keys name that folder (docs/row-event.md §4.2); every object under {@code dead-letters/} sits in a known reason's folder
 * and holds valid dead letters of that reason; {@code firehose-errors/} holds nothing. Counts rows per
 * partition and dead letters per reason, and keeps the first problems with their locations.
 */
public final class TreeVerifier {

    private static final Pattern ROW_OBJECT = Pattern.compile(
            "rows/orgid=([^/]+)/metric=([^/]+)/dt=([^/]+)/hour=([^/]+)/([^/]+)");
    private static final Pattern DEAD_LETTER_OBJECT = Pattern.compile("dead-letters/reason=([^/]+)/([^/]+)");
    private static final String SUFFIX = ".jsonl.gz";

    private final int maxListed;
    private final Supplier<MessageDigest> sha256;

    /**
     * @param maxListed how many problems the report lists (all are counted)
     * @param sha256    a new SHA-256 digest, to check that each bundle dead letter's payload is its bundle
     */
    public TreeVerifier(int maxListed, Supplier<MessageDigest> sha256) {
        if (maxListed < 1) {
            throw new IllegalArgumentException("maxListed must be positive, got " + maxListed);
        }
        this.maxListed = maxListed;
        this.sha256 = sha256;
    }

    /** Reads the whole tree; {@link PortException} when it cannot be listed or an object cannot be opened. */
    public VerifyReport verify(StoredObjects tree) {
        Tally tally = new Tally(maxListed);
        MessageDigest digest = sha256.get();
        try (Stream<StoredObject> objects = tree.list()) {
            Iterator<StoredObject> it = objects.iterator();
            while (it.hasNext()) {
                StoredObject object = it.next();
                String key = object.key();
                String where = tree.location(object);
                if (key.startsWith("rows/")) {
                    tally.rowObjects++;
                    rowObject(tree, object, where, tally);
                } else if (key.startsWith("dead-letters/")) {
                    tally.deadLetterObjects++;
                    deadLetterObject(tree, object, where, tally, digest);
                } else if (key.startsWith("firehose-errors/")) {
                    tally.problem(new Problem(where, 0, "Firehose could not deliver these records to rows/ (its"
                            + " error output; see the object for the error code)"));
                } else {
                    tally.otherObjects++;
                }
            }
        }
        return new VerifyReport(tally.rows, tally.letters, tally.rowObjects, tally.deadLetterObjects,
                tally.otherObjects, tally.listed, tally.problemCount);
    }

    private static void rowObject(StoredObjects tree, StoredObject object, String where, Tally tally) {
        Matcher m = ROW_OBJECT.matcher(object.key());
        PartitionKey folder;
        try {
            if (!m.matches()) {
                throw new IllegalArgumentException("not rows/orgid=…/metric=…/dt=…/hour=…/<object>" + SUFFIX);
            }
            folder = new PartitionKey(m.group(1), m.group(2), m.group(3), m.group(4));
        } catch (IllegalArgumentException e) {
            tally.problem(new Problem(where, 0, "not in a valid partition folder: " + e.getMessage()));
            return;
        }
        if (!nameOk(m.group(5), where, tally)) {
            return;
        }
        lines(tree, object, where, tally, value -> RowCheck.problem(value, folder), () -> tally.countRow(folder.path()));
    }

    private static void deadLetterObject(StoredObjects tree, StoredObject object, String where, Tally tally,
                                         MessageDigest digest) {
        Matcher m = DEAD_LETTER_OBJECT.matcher(object.key());
        if (!m.matches()) {
            tally.problem(new Problem(where, 0, "not in a dead-letters/reason=<reason>/ folder"));
            return;
        }
        RejectionReason reason;
        try {
            reason = RejectionReason.fromCode(m.group(1));
        } catch (IllegalArgumentException e) {
            tally.problem(new Problem(where, 0, "reason=" + m.group(1) + " is not a spec §6 reason"));
            return;
        }
        if (!nameOk(m.group(2), where, tally)) {
            return;
        }
        lines(tree, object, where, tally, value -> DeadLetterCheck.problem(value, reason, digest),
                () -> tally.countLetter(reason.code()));
    }

    private static boolean nameOk(String name, String where, Tally tally) {
        if (name.startsWith(".")) {
            tally.problem(new Problem(where, 0, "a hidden file: an unfinished object of an interrupted write"));
            return false;
        }
        if (!name.endsWith(SUFFIX)) {
            tally.problem(new Problem(where, 0, "the object name does not end in " + SUFFIX));
            return false;
        }
        return true;
    }

    /**
     * Reads the object's gzip JSONL, checking each line and counting each valid one. An object's bad lines are
     * one problem (the first, with how many more): a misplaced object would otherwise list every line.
     */
    private static void lines(StoredObjects tree, StoredObject object, String where, Tally tally,
                              Function<Object, Optional<String>> check, Runnable count) {
        long number = 0;
        Problem first = null;
        long bad = 0;
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(tree.open(object), 1 << 16), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || (b < 0 && line.size() > 0)) {
                    number++;
                    Optional<String> problem = problem(line.toByteArray(), check);
                    if (problem.isPresent()) {
                        bad++;
                        first = first == null ? new Problem(where, number, problem.get()) : first;
                    } else {
                        count.run();
                    }
                    line.reset();
                }
                if (b < 0) {
                    break;
                }
                if (b != '\n') {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            tally.problem(new Problem(where, 0, "not a complete gzip object (" + e.getMessage() + ") after "
                    + number + " lines"));
            return;
        }
        if (number == 0) {
            tally.problem(new Problem(where, 0, "an empty object"));
        } else if (first != null) {
            tally.problem(bad == 1 ? first : new Problem(where, first.line(), first.message() + " (and " + (bad - 1)
                    + " more bad lines of " + number + ")"));
        }
    }

    private static Optional<String> problem(byte[] bytes, Function<Object, Optional<String>> check) {
        try {
            return check.apply(JsonTree.parse(bytes));
        } catch (JsonTree.NotJson e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Counts while the tree is read. */
    private static final class Tally {
        final int maxListed;
        final TreeMap<String, Long> rows = new TreeMap<>();
        final TreeMap<String, Long> letters = new TreeMap<>();
        final List<Problem> listed = new ArrayList<>();
        long rowObjects;
        long deadLetterObjects;
        long otherObjects;
        long problemCount;

        Tally(int maxListed) {
            this.maxListed = maxListed;
        }

        void countRow(String partition) {
            rows.merge(partition, 1L, Long::sum);
        }

        void countLetter(String reason) {
            letters.merge(reason, 1L, Long::sum);
        }

        void problem(Problem problem) {
            problemCount++;
            if (listed.size() < maxListed) {
                listed.add(problem);
            }
        }
    }
}
