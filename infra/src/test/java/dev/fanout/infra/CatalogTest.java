package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Glue table with partition projection over rows/, the deduplicated view, the Athena workgroup. */
class CatalogTest {

    /** Every key of a row (docs/row-event.md §3). */
    static final List<String> ROW_KEYS = List.of("schemaVersion", "rowId", "orgId", "deviceId", "host", "datasource",
            "instance", "metric", "type", "unit", "description", "timeUnixNano", "startTimeUnixNano", "tsUnixMs", "dt",
            "hour", "value", "noRecordedValue", "flags", "temporality", "monotonic", "count", "sum", "min", "max",
            "bucketCounts", "explicitBounds", "scale", "zeroCount", "zeroThreshold", "positive", "negative",
            "quantiles", "attributes", "resource", "scope", "exemplars", "source", "partition");

    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template(app.deployment.catalog());

    @Test
    void theTable_projectsEveryPartitionColumn_withTheLowerCaseFolderKeysFirehoseWrites() {
        // given
        Capture parameters = new Capture();

        // when
        template.hasResourceProperties("AWS::Glue::Table", Map.of("TableInput", Match.objectLike(Map.of(
                "Name", "rows", "TableType", "EXTERNAL_TABLE", "Parameters", parameters,
                "PartitionKeys", List.of(Map.of("Name", "orgid", "Type", "string"), Map.of("Name", "metric", "Type", "string"),
                        Map.of("Name", "dt", "Type", "string"), Map.of("Name", "hour", "Type", "string"))))));

        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> projection = (Map<String, Object>) parameters.asObject();
        assertThat(projection).containsEntry("projection.enabled", "true")
                .containsEntry("projection.orgid.type", "injected")
                .containsEntry("projection.metric.type", "injected")
                .containsEntry("projection.dt.type", "date")
                .containsEntry("projection.dt.format", "yyyy-MM-dd")
                .containsEntry("projection.hour.type", "integer")
                .containsEntry("projection.hour.range", "0,23")
                .containsEntry("projection.hour.digits", "2");
        String template = projection.get("storage.location.template").toString();
        assertThat(template).contains("/rows/orgid=${orgid}/metric=${metric}/dt=${dt}/hour=${hour}/")
                .doesNotContain("orgId=");
    }

    @Test
    void theTable_hasAColumnForEveryRowKey_readByTheJsonSerDeCaseSensitively() {
        // given
        Capture columns = new Capture();
        Capture serde = new Capture();

        // when
        template.hasResourceProperties("AWS::Glue::Table", Map.of("TableInput", Match.objectLike(Map.of(
                "Name", "rows", "StorageDescriptor", Match.objectLike(Map.of("Columns", columns,
                        "SerdeInfo", Map.of("SerializationLibrary", "org.openx.data.jsonserde.JsonSerDe",
                                "Parameters", serde)))))));

        // then: each key is a column (by name, or mapped), or a partition column (dt, hour)
        @SuppressWarnings("unchecked")
        Map<String, Object> mappings = (Map<String, Object>) serde.asObject();
        List<String> readKeys = new ArrayList<>(List.of("dt", "hour"));
        for (Object column : columns.asArray()) {
            String name = ((Map<?, ?>) column).get("Name").toString();
            readKeys.add(mappings.getOrDefault("mapping." + name, name).toString());
        }
        assertThat(readKeys).containsExactlyInAnyOrderElementsOf(ROW_KEYS);
        assertThat(mappings).containsEntry("case.insensitive", "false").containsEntry("mapping.org_id", "orgId")
                .containsEntry("mapping.metric_name", "metric");
    }

    @Test
    void theView_keepsEachRowIdOnce_overTheTablesColumnsAndPartitions() throws Exception {
        // given
        Capture original = new Capture();
        Capture viewColumns = new Capture();

        // when
        template.hasResourceProperties("AWS::Glue::Table", Map.of("TableInput", Match.objectLike(Map.of(
                "Name", "rows_deduplicated", "TableType", "VIRTUAL_VIEW", "ViewOriginalText", original,
                "StorageDescriptor", Match.objectLike(Map.of("Columns", viewColumns))))));

        // then: the view Athena reads is base64 JSON in the original text
        String text = original.asString();
        assertThat(text).startsWith("/* Presto View: ").endsWith(" */");
        JsonNode view = new ObjectMapper().readTree(Base64.getDecoder().decode(
                text.substring("/* Presto View: ".length(), text.length() - " */".length())));
        assertThat(view.get("schema").asText()).isEqualTo("fanout");
        assertThat(view.get("originalSql").asText())
                .contains("row_number() OVER (PARTITION BY \"orgid\", \"metric\", \"dt\", \"hour\", \"rowid\")")
                .contains("FROM \"fanout\".\"rows\"").endsWith("WHERE \"copy\" = 1");
        List<String> prestoNames = new ArrayList<>();
        view.get("columns").forEach(c -> prestoNames.add(c.get("name").asText()));
        List<String> glueNames = viewColumns.asArray().stream().map(c -> ((Map<?, ?>) c).get("Name").toString()).toList();
        assertThat(prestoNames).isEqualTo(glueNames).contains("rowid", "orgid", "metric", "dt", "hour")
                .doesNotContain("copy");
        assertThat(new String(Base64.getDecoder().decode(text.substring(16, text.length() - 3)),
                StandardCharsets.UTF_8)).contains("\"catalog\":\"awsdatacatalog\"");
    }

    @Test
    void theWorkGroup_encryptsResultsWithTheDataKey_andOffersSampleQueries() {
        // when / then
        template.hasResourceProperties("AWS::Athena::WorkGroup", Map.of("Name", "fanout",
                "WorkGroupConfiguration", Match.objectLike(Map.of("EnforceWorkGroupConfiguration", true,
                        "ResultConfiguration", Map.of(
                                "OutputLocation", Match.anyValue(),
                                "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_KMS",
                                        "KmsKey", Map.of("Fn::ImportValue", Match.stringLikeRegexp("StorageDataKey"))))))));
        template.resourceCountIs("AWS::Athena::NamedQuery", 3);
        template.allResourcesProperties("AWS::Athena::NamedQuery", Map.of("Database", "fanout",
                "QueryString", Match.stringLikeRegexp("\"orgid\" = 'my-org' AND \"metric\" = 'my-metric'")));
    }
}
