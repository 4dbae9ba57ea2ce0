package dev.sentinel.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract of {@link Settings}, for every adapter. */
public abstract class SettingsContract extends StorageContractSupport {

    @Test
    void anUnsetNameHasNoValue() {
        assertThat(tx((StorageSession session) -> session.settings().get("admin_token_hash"))).isEmpty();
    }

    @Test
    void theFirstWriterWins() {
        assertThat(tx((StorageSession session) -> session.settings().putIfAbsent("admin_token_hash", "$sha256$first"))).isTrue();
        assertThat(tx((StorageSession session) -> session.settings().putIfAbsent("admin_token_hash", "$sha256$second"))).isFalse();

        assertThat(tx((StorageSession session) -> session.settings().get("admin_token_hash"))).contains("$sha256$first");
    }

    @Test
    void putStoresAndReplacesAValue() {
        run(session -> session.settings().put("retention_days", "90"));
        run(session -> session.settings().put("retention_days", "30"));
        run(session -> session.settings().put("other", "x"));

        assertThat(tx((StorageSession session) -> session.settings().get("retention_days"))).contains("30");
        assertThat(tx((StorageSession session) -> session.settings().get("other"))).contains("x");
    }

    @Test
    void keepsLongValuesWhole() {
        String value = "{\"keys\":\"" + "k".repeat(10_000) + "\"}";
        run(session -> session.settings().put("jwks_cache", value));

        assertThat(tx((StorageSession session) -> session.settings().get("jwks_cache"))).contains(value);
    }
}
