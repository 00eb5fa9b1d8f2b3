package dev.fanout.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a cdk-nag CSV report: {@code Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info},
 * every field double-quoted (quotes inside doubled).
 */
record NagReportLine(String rule, String resource, String compliance, String reason, String level) {

    static List<NagReportLine> read(Path report) throws IOException {
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        List<NagReportLine> parsed = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                List<String> fields = fields(line);
                parsed.add(new NagReportLine(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4)));
            }
        }
        return parsed;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
