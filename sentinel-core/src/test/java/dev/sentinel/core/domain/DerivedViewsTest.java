package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivedViewsTest {

    @ParameterizedTest
    @CsvSource({"read:data,Read Data", "admin:users,Admin Users", "read,Read", "write:order_items,Write Order Items",
            "admin:*,Admin All", "contacts.discover,Contacts Discover"})
    void labelsPermissions(String permission, String label) {
        assertThat(new Permission(permission).label()).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"read,write|standard", "read:data|standard", "read,write:orders|standard",
            "admin:users|elevated", "read,manage:keys|elevated", "read:*|elevated", "delete:files|elevated",
            "contacts:discover|custom", "read,contacts:discover|custom"})
    void derivesTheAccessProfile(String permissions, String profile) {
        assertThat(AccessProfile.of(Permissions.parse(permissions)).code()).isEqualTo(profile);
    }

    @Test
    void derivesCapabilitiesFromPermissions() {
        assertThat(PermissionsView.capabilities(Permissions.parse("read,write")))
                .containsExactly("API Access", "Client Credentials Grant", "Data Read", "Data Write");
        assertThat(PermissionsView.capabilities(Permissions.parse("read:data,admin:users,contacts:discover")))
                .containsExactly("API Access", "Client Credentials Grant", "Data Read", "Administration", "Admin Users",
                        "Contacts Discover");
    }

    @Test
    void validityStatesFollowTheThirtyDayWarning() {
        ValidityPeriod period = new ValidityPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));

        assertThat(period.stateAt(Instant.parse("2025-12-31T23:59:59Z"))).isEqualTo(ValidityState.NOT_YET_VALID);
        assertThat(period.stateAt(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(ValidityState.VALID);
        assertThat(period.stateAt(Instant.parse("2026-12-01T23:59:59Z"))).isEqualTo(ValidityState.VALID);
        assertThat(period.stateAt(Instant.parse("2026-12-02T00:00:00Z"))).isEqualTo(ValidityState.EXPIRING_SOON);
        assertThat(period.stateAt(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(ValidityState.EXPIRING_SOON);
        assertThat(period.stateAt(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo(ValidityState.EXPIRED);
    }

    @Test
    void validUntilIsInclusiveInUtc() {
        ValidityPeriod period = new ValidityPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-06-30"));

        assertThat(period.contains(Instant.parse("2026-06-30T23:59:59.999Z"))).isTrue();
        assertThat(period.contains(Instant.parse("2026-07-01T00:00:00Z"))).isFalse();
        assertThat(period.end()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    }

    @Test
    void passStateMapsToTheStatusUsersSee() {
        assertThat(PassState.ACTIVE.status()).isEqualTo("active");
        assertThat(PassState.INACTIVE.status()).isEqualTo("inactive");
        assertThat(PassState.REVOKED.status()).isEqualTo("inactive");
    }
}
