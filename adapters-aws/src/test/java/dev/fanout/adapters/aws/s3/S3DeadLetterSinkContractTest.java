package dev.fanout.adapters.aws.s3;

import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.contract.DeadLetterSinkContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.s3.S3Client;

/** The {@link DeadLetterSink} contract for {@link S3DeadLetterSink} against a fake S3, reading objects back. */
class S3DeadLetterSinkContractTest extends DeadLetterSinkContract {

    private static final String BUCKET = "contract-bucket";
    private static final Pattern KEY = Pattern.compile("archive/dead-letters/reason=([a-z._]+)/[^/]+\\.jsonl\\.gz");

    private final FakeS3 s3 = new FakeS3();
    private final S3Client client = s3.client();

    @AfterEach
    void stopFake() {
        client.close();
        s3.close();
    }

    @Override
    protected DeadLetterSink newSink() {
        return new S3DeadLetterSink(client, S3DeadLetterSink.Settings.of(BUCKET, "archive"), Clock.systemUTC());
    }

    @Override
    protected List<StoredLetter> readBack(DeadLetterSink sink) {
        List<StoredLetter> letters = new ArrayList<>();
        for (Map.Entry<String, byte[]> object : s3.objects(BUCKET).entrySet()) {
            Matcher key = KEY.matcher(object.getKey());
            if (!key.matches()) {
                throw new AssertionError("an object outside the dead-letter layout: " + object.getKey());
            }
            RejectionReason reason = RejectionReason.fromCode(key.group(1));
            String text = S3DeadLetterSinkTest.gunzip(object.getValue());
            if (!text.endsWith("\n")) {
                throw new AssertionError("an object whose last line is not ended: " + object.getKey());
            }
            for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
                letters.add(new StoredLetter(reason, new Payload(line.getBytes(StandardCharsets.UTF_8))));
            }
        }
        return letters;
    }
}
