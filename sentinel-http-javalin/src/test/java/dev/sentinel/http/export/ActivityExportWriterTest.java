package dev.sentinel.http.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.http.web.Json;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ActivityExportWriterTest {

    private static final ActivityEvent HOSTILE = new ActivityEvent(new PassId("SP-2026-AAAAAA"), ActivityType.ERROR,
            Instant.parse("2026-11-26T10:00:00Z"), "/v1/orders,\"x\"", "POST", false, 500, 42,
            Optional.of("203.0.113.7"), Optional.of("=HYPERLINK(\"http://evil\")"), Optional.of("-2+3\nline two"),
            "{\"k\":\"v\"}").reportedBy("@SUM(1)");
    private static final ActivityEvent PLAIN = new ActivityEvent(new PassId("SP-2026-AAAAAA"), ActivityType.API_REQUEST,
            Instant.parse("2026-11-26T09:00:00Z"), "/v1/items", "GET", true, 200, 7, Optional.empty(),
            Optional.empty(), Optional.empty(), "{}");

    private static String export(ExportFormat format, List<ActivityEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ActivityExportWriter writer = new ActivityExportWriter(format, out)) {
            events.forEach(writer::write);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasAHeaderEveryFieldAndNeutralisedFormulas() throws Exception {
        String csv = export(ExportFormat.CSV, List.of(HOSTILE, PLAIN));

        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(csv).startsWith("pass_id,type,started_at,endpoint,http_method,success,status_code,duration_ms,"
                + "client_ip,user_agent,error_message,metadata,reported_by\r\n");
        assertThat(records).hasSize(2);
        CSVRecord first = records.get(0);
        assertThat(first.get("endpoint")).isEqualTo("/v1/orders,\"x\"");
        assertThat(first.get("user_agent")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(first.get("error_message")).isEqualTo("'-2+3\nline two");
        assertThat(first.get("metadata")).isEqualTo("{\"k\":\"v\"}");
        assertThat(first.get("status_code")).isEqualTo("500");
        assertThat(first.get("reported_by")).as("a key's name is free text").isEqualTo("'@SUM(1)");
        assertThat(first.get("success")).isEqualTo("false");
        assertThat(records.get(1).get("client_ip")).isEmpty();
        assertThat(records.get(1).get("reported_by")).as("the server's own evidence is reported by no one").isEmpty();
    }

    @Test
    void everyPieceOfACellBetweenSemicolonsOrTabsIsNeutralisedButPlainNumbersAreNot() {
        assertThat(ActivityExportWriter.neutralise("foo;=1+2;bar")).isEqualTo("foo;'=1+2;bar");
        assertThat(ActivityExportWriter.neutralise("a\t@SUM(A1)\tb")).isEqualTo("a\t'@SUM(A1)\tb");
        assertThat(ActivityExportWriter.neutralise("x;+cmd|' /C calc'!A0")).isEqualTo("x;'+cmd|' /C calc'!A0");
        assertThat(ActivityExportWriter.neutralise("-42")).isEqualTo("-42");
        assertThat(ActivityExportWriter.neutralise("ok;-3.5;+7")).isEqualTo("ok;-3.5;+7");
        assertThat(ActivityExportWriter.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(ActivityExportWriter.neutralise("/v1/orders")).isEqualTo("/v1/orders");
    }

    @Test
    void jsonIsOneArrayWithEveryField() {
        JsonNode array = Json.parse(export(ExportFormat.JSON, List.of(HOSTILE, PLAIN)));

        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        JsonNode first = array.get(0);
        assertThat(first.path("user_agent").asText()).isEqualTo("=HYPERLINK(\"http://evil\")");
        assertThat(first.path("metadata").path("k").asText()).isEqualTo("v");
        assertThat(first.path("duration_ms").asLong()).isEqualTo(42);
        assertThat(array.get(1).path("error_message").isNull()).isTrue();
    }

    @Test
    void jsonLinesHoldOneObjectPerLine() {
        List<String> lines = export(ExportFormat.JSONL, List.of(HOSTILE, PLAIN)).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(Json.parse(lines.get(0)).path("error_message").asText()).isEqualTo("-2+3\nline two");
        assertThat(Json.parse(lines.get(1)).path("endpoint").asText()).isEqualTo("/v1/items");
    }

    @Test
    void emptyExportsAreValidDocuments() {
        assertThat(export(ExportFormat.JSON, List.of())).isEqualTo("[]");
        assertThat(export(ExportFormat.JSONL, List.of())).isEmpty();
        assertThat(export(ExportFormat.CSV, List.of())).startsWith("pass_id,type");
    }

    @Test
    void fileNamesCarryThePassAndAFilesystemSafeTimestamp() {
        assertThat(ActivityExportWriter.fileName("SP-2026-AAAAAA", Instant.parse("2026-11-26T10:30:05.123Z"), ExportFormat.CSV))
                .isEqualTo("sentinel-pass-activity-SP-2026-AAAAAA-20261126T103005Z.csv");
    }
}
