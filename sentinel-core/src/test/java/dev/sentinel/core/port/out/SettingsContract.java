package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

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

    @Test
    void listsTheSettingsUnderAPrefixTakingWildcardsLiterally() {
        run(session -> {
            session.settings().put("revoked_jti:b", "2026-11-26T10:00:00Z");
            session.settings().put("revoked_jti:a", "2026-11-26T09:00:00Z");
            session.settings().put("revokedXjti:c", "not under the prefix: _ is no wildcard");
            session.settings().put("revoked_jti", "the prefix itself without the colon");
            session.settings().put("admin_token_hash", "$sha256$x");
            session.settings().put("100%_done", "y");
        });

        assertThat(tx((StorageSession session) -> session.settings().withPrefix("revoked_jti:")))
                .containsExactly(entry("revoked_jti:a", "2026-11-26T09:00:00Z"), entry("revoked_jti:b", "2026-11-26T10:00:00Z"));
        assertThat(tx((StorageSession session) -> session.settings().withPrefix("100%_"))).containsOnlyKeys("100%_done");
        assertThat(tx((StorageSession session) -> session.settings().withPrefix("1000"))).isEmpty();
    }

    @Test
    void deleteRemovesOneSettingAndSaysWhetherThereWasOne() {
        run(session -> {
            session.settings().put("revoked_jti:a", "x");
            session.settings().put("revoked_jti:b", "y");
        });

        assertThat(tx((StorageSession session) -> session.settings().delete("revoked_jti:a"))).isTrue();
        assertThat(tx((StorageSession session) -> session.settings().delete("revoked_jti:a"))).isFalse();
        assertThat(tx((StorageSession session) -> session.settings().get("revoked_jti:a"))).isEmpty();
        assertThat(tx((StorageSession session) -> session.settings().get("revoked_jti:b"))).contains("y");
    }

    @Test
    void aDeleteInAFailedTransactionIsUndone() {
        run(session -> session.settings().put("revoked_jti:a", "x"));

        assertThatThrownBy(() -> run(session -> {
            session.settings().delete("revoked_jti:a");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(tx((StorageSession session) -> session.settings().get("revoked_jti:a"))).contains("x");
    }
}
