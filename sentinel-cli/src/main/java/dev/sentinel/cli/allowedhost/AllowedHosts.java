package dev.sentinel.cli.allowedhost;

import dev.sentinel.cli.options.Store;
import dev.sentinel.core.application.AllowedHostService;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/** The service over the CLI's store, acting as the CLI user, and the JSON of a host with the API's field names. */
final class AllowedHosts {

    /** How long a running server may take to see a change (its cache of the list). */
    static final String DELAY = "10 seconds";

    private AllowedHosts() {
    }

    static AllowedHostService of(Store store) {
        return store.sentinel().allowedHosts().as(Store.CLI);
    }

    static Map<String, Object> json(AllowedHostService.AllowedHost host) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("host", host.host());
        fields.put("added_at", Timestamps.format(host.addedAt()));
        fields.put("added_by", host.addedBy());
        return fields;
    }
}
