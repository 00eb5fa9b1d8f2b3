package dev.fanout.domain.secret;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN type----- … -----END type-----} block of a PEM text (RFC 7468).
 *
 * @param der           the decoded body, or null when it is not base64
 * @param atLineStart   whether BEGIN starts a line, as Pipes requires of each certificate
 * @param encapsulated  whether the body has RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}): OpenSSL's
 *                      legacy encryption, which is not PKCS#8
 */
record PemBlock(String type, byte[] der, boolean atLineStart, boolean encapsulated) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            boolean atLineStart = m.start() == 0 || text.charAt(m.start() - 1) == '\n';
            String body = m.group(2);
            boolean headers = body.contains(":");
            byte[] der;
            try {
                der = headers ? null : Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                der = null;
            }
            blocks.add(new PemBlock(m.group(1), der, atLineStart, headers));
        }
        return blocks;
    }

    /** Whether the text has a BEGIN line without its END. */
    static boolean hasUnclosedBlock(String text) {
        int begins = count(text, "-----BEGIN ");
        int ends = count(text, "-----END ");
        return begins != ends;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
