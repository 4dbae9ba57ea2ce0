package dev.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.jose.KeyAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One settings value for a node, checked in one place with one set of bounds. */
class NodeSettingsTest {

    @Test
    void theDefaultsAreWhatServeStartsWith() {
        NodeSettings settings = NodeSettings.builder().build();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.accessTokenType()).isEqualTo(AccessTokenType.AT_JWT);
        assertThat(settings.tlsReloadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.activityRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.issuer()).isEmpty();
        assertThat(settings.keyEncryptionKey()).isEmpty();
        assertThat(settings.baseUrl(8080)).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceByItsField() {
        NodeSettings.Builder builder = NodeSettings.builder().port(70_000).tokenLifetime(Duration.ZERO)
                .tlsReloadInterval(Duration.ofMillis(500)).activityRetention(Duration.ofHours(1))
                .signingAlgorithm("HS256").accessTokenType("id+jwt").scopesSupported(List.of("a b"))
                .trustedProxies(List.of("10.0.0.0/33")).metricsToken("short").audience("with space")
                .keyEncryptionKey(new byte[16]).stopTimeout(Duration.ofSeconds(-1));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class, invalid ->
                assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("port", "audience",
                        "token_lifetime", "signing_algorithm", "access_token_typ", "scopes_supported",
                        "key_encryption_key", "stop_timeout", "metrics_token", "activity_retention", "trusted_proxies",
                        "tls_reload_interval"));
        assertThatThrownBy(builder::build).hasMessageContaining("port: must be between 0 and 65535 (got 70000)")
                .hasMessageContaining("token_lifetime: must be between 1s and 24h (got PT0S)")
                .hasMessageContaining("tls_reload_interval: must be at least 1s (got PT0.5S)")
                .hasMessageContaining("trusted_proxies: 10.0.0.0/33: prefix length must be 0-32")
                .hasMessageContaining("metrics_token: the metrics token must have at least 32 characters")
                .hasMessageNotContaining("short");
    }

    @Test
    void theThrottlesIpv6NetworkAndMemoryOfSuccessesAreCheckedWithTheRest() {
        NodeSettings settings = NodeSettings.builder().throttleIpv6Prefix(56).throttleRecentSuccess(Duration.ofHours(1))
                .build();
        assertThat(settings.throttling().ipv6Prefix()).isEqualTo(56);
        assertThat(settings.throttling().recentSuccess()).isEqualTo(Duration.ofHours(1));
        assertThat(NodeSettings.builder().build().throttling().ipv6Prefix()).isEqualTo(64);
        assertThat(NodeSettings.builder().build().throttling().recentSuccess()).isEqualTo(Duration.ofHours(24));

        NodeSettings.Builder broken = NodeSettings.builder().port(-1).throttleIpv6Prefix(16)
                .throttleRecentSuccess(Duration.ofDays(31));
        assertThatThrownBy(broken::build).isInstanceOfSatisfying(ValidationException.class, invalid ->
                assertThat(invalid.violations()).extracting(FieldViolation::field)
                        .containsExactly("port", "throttle_ipv6_prefix", "throttle_recent_success"))
                .hasMessageContaining("throttle_ipv6_prefix: must be between 32 and 128 (got 16)")
                .hasMessageContaining("throttle_recent_success: must be between 0 (never) and 30d");
    }

    @Test
    void theSessionLimitsAndTheTwoFactorRequirementAreCheckedWithTheRest() {
        NodeSettings defaults = NodeSettings.builder().build();
        assertThat(defaults.sessionLimits().idle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.sessionLimits().absolute()).isEqualTo(Duration.ofHours(12));
        assertThat(defaults.twoFactor()).isEqualTo(dev.sentinel.core.application.access.TwoFactorRequirement.ADMINS);
        assertThat(NodeSettings.builder().twoFactor("All").sessionIdle(Duration.ofMinutes(5)).build().twoFactor())
                .isEqualTo(dev.sentinel.core.application.access.TwoFactorRequirement.ALL);

        NodeSettings.Builder broken = NodeSettings.builder().port(-1).sessionIdle(Duration.ofHours(13))
                .twoFactor("owners");
        assertThatThrownBy(broken::build).isInstanceOfSatisfying(ValidationException.class, invalid ->
                assertThat(invalid.violations()).extracting(FieldViolation::field)
                        .containsExactly("port", "session_idle", "require_2fa"))
                .hasMessageContaining("session_idle: must not be longer than session_max")
                .hasMessageContaining("require_2fa: must be admins, all or none (got 'owners')");
        assertThatThrownBy(NodeSettings.builder().sessionIdle(Duration.ZERO).sessionMax(Duration.ZERO)::build)
                .hasMessageContaining("session_idle: must be at least 1s").hasMessageContaining("session_max: must be at least 1s");
    }

    @Test
    void theTokenLifetimeRunsFromOneSecondToADayAndTheReloadIntervalFromOneSecond() {
        assertThat(NodeSettings.builder().tokenLifetime(Duration.ofSeconds(1)).build().tokenLifetime())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(NodeSettings.builder().tokenLifetime(Duration.ofHours(24)).build().tokenLifetime())
                .isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> NodeSettings.builder().tokenLifetime(Duration.ofHours(24).plusSeconds(1)).build())
                .hasMessageContaining("token_lifetime");
        assertThatThrownBy(() -> NodeSettings.builder().tokenLifetime(Duration.ofMillis(999)).build())
                .hasMessageContaining("token_lifetime");
        assertThat(NodeSettings.builder().tlsReloadInterval(Duration.ofSeconds(1)).build().tlsReloadInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> NodeSettings.builder().tlsReloadInterval(Duration.ofMillis(999)).build())
                .hasMessageContaining("tls_reload_interval");
    }

    @Test
    void theSettingsKeepCopiesOfWhatTheyWereGiven() {
        byte[] key = new byte[32];
        NodeSettings.Builder builder = NodeSettings.builder().keyEncryptionKey(key).signingAlgorithm("eddsa")
                .trustedProxies(List.of("10.1.2.3", "10.1.2.3/32", "2001:db8::/32")).scopesSupported(List.of("b", "a", "b"));
        NodeSettings settings = builder.build();
        key[0] = 7;
        builder.port(1);
        settings.keyEncryptionKey().orElseThrow()[1] = 9;

        assertThat(settings.keyEncryptionKey()).hasValueSatisfying(kept -> assertThat(kept).containsOnly(0));
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.signingAlgorithm()).contains(KeyAlgorithm.EDDSA);
        assertThat(settings.trustedProxies()).containsExactly("10.1.2.3/32", "2001:db8::/32");
        assertThat(settings.scopesSupported()).containsExactly("b", "a");
    }

    @Test
    void theBaseUrlNamesTlsAndBracketsAnIpv6Host() {
        NodeSettings settings = NodeSettings.builder().host("::1").tls(Path.of("c.pem"), Path.of("k.pem")).build();

        assertThat(settings.baseUrl(8443)).isEqualTo("https://[::1]:8443");
        assertThat(settings.toString()).doesNotContain("c.pem").contains("tls=true");
    }
}
