package dev.sentinel.cli.accesskey;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of an access key, with the management API's field names; never the key. */
final class AccessKeys {

    private AccessKeys() {
    }

    static Map<String, Object> json(AccessKey key) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", key.id().value());
        fields.put("name", key.name());
        fields.put("role", key.role().code());
        fields.put("projects", key.projects().stream().map(ProjectId::value).sorted().toList());
        fields.put("created_at", Timestamps.format(key.createdAt()));
        fields.put("created_by", key.createdBy());
        fields.put("expires_at", Timestamps.formatOrNull(key.expiresAt()));
        fields.put("last_used_at", Timestamps.formatOrNull(key.lastUsedAt()));
        return fields;
    }
}
