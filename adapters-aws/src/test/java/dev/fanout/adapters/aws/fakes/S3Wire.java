package dev.fanout.adapters.aws.fakes;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * S3's path-style PutObject ({@code PUT /bucket/key}) on the wire: reads a request, aws-chunked uploads
 * included, and writes the answers a fake gives, so every fake speaks it the same way.
 */
public final class S3Wire {

    private S3Wire() {
    }

    /**
     * What a PutObject request asks for.
     *
     * @param headers lower-case names, aws-chunked trailers included
     * @param body    the object, without the aws-chunked framing (its CRC32 trailer checked)
     */
    public record PutObject(String bucket, String key, Map<String, String> headers, byte[] body) {

        /** True for the requests {@link #parse} reads. */
        public static boolean isPutObject(Request request) {
            return RequestMethod.PUT.equals(request.getMethod());
        }

        public static PutObject parse(Request request) {
            String path = URI.create(request.getUrl()).getRawPath().substring(1);
            int slash = path.indexOf('/');
            String bucket = path.substring(0, slash);
            // in a path '+' is a plus, not the space URLDecoder (made for forms) would read
            String key = URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpHeader header : request.getHeaders().all()) {
                headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
            }
            byte[] body = request.getBody();
            if ("aws-chunked".equals(headers.get("content-encoding"))) {
                body = decodeAwsChunked(body, headers);
            }
            return new PutObject(bucket, key, headers, body);
        }
    }

    /** The 200 answer to a stored object; {@code call} makes its ETag unique. */
    public static ResponseDefinition stored(int call) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("ETag", "\"etag-" + call + "\"")
                .build();
    }

    /** An error answer as S3 gives it: the status, and an XML body with the code and message. */
    public static ResponseDefinition failed(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withBody(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message><RequestId>r1</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Removes the {@code aws-chunked} framing the SDK wraps a signed streaming upload in
     * ({@code <hex size>;chunk-signature=…\r\n<data>\r\n…0;…\r\n<trailers>\r\n\r\n}) and checks the CRC32
     * trailer against the data, as S3 does; trailers are added to {@code headers}.
     */
    static byte[] decodeAwsChunked(byte[] framed, Map<String, String> headers) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(framed, at);
            String header = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            data.write(framed, at, size);
            at += size + 2;
        }
        while (at < framed.length) {
            int lineEnd = indexOfCrlf(framed, at);
            String trailer = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            at = lineEnd + 2;
            if (trailer.isEmpty()) {
                break;
            }
            String[] nameValue = trailer.split(":", 2);
            headers.put(nameValue[0].trim().toLowerCase(Locale.ROOT), nameValue[1].trim());
        }
        byte[] body = data.toByteArray();
        String expected = headers.get("x-amz-checksum-crc32");
        if (expected != null) {
            CRC32 crc = new CRC32();
            crc.update(body);
            byte[] value = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            if (!Base64.getEncoder().encodeToString(value).equals(expected)) {
                throw new IllegalStateException("CRC32 trailer " + expected + " does not match the uploaded data");
            }
        }
        return body;
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("aws-chunked framing without CRLF after byte " + from);
    }
}
