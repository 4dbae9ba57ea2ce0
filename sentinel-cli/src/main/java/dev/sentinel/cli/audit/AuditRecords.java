package dev.sentinel.cli.audit;

import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An audit entry as JSON and as CSV cells, with the field names of the management API. */
final class AuditRecords {

    /** The fields of an entry, in order (the CSV header). */
    static final List<String> FIELDS = List.of("sequence", "at", "actor", "action", "project", "pass_id", "detail");

    private AuditRecords() {
    }

    static Map<String, Object> json(AuditRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", record.sequence());
        fields.put("at", Timestamps.format(record.entry().at()));
        fields.put("actor", record.entry().actor());
        fields.put("action", record.entry().action());
        fields.put("project", record.entry().project().orElse(null));
        fields.put("pass_id", record.entry().passId().orElse(null));
        fields.put("detail", record.entry().detail());
        return fields;
    }
}
