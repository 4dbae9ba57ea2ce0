package dev.sentinel.core.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.ProjectId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsoRolesTest {

    @Test
    void readsTheOwnerGroupAndProjectRolesAndIgnoresEverythingElse() {
        SsoRoles roles = SsoRoles.of(List.of("sentinel-owner", "payments:admin", "search:viewer", "staff",
                "payments:owner", "bad project:admin", " billing:viewer "));

        assertThat(roles.owner()).isTrue();
        assertThat(roles.projects()).isEqualTo(Map.of(new ProjectId("payments"), Role.ADMIN,
                new ProjectId("search"), Role.VIEWER, new ProjectId("billing"), Role.VIEWER));
    }

    @Test
    void adminWinsWhenAProjectIsNamedWithBothRoles() {
        assertThat(SsoRoles.of(List.of("search:admin", "search:viewer")).projects())
                .containsEntry(new ProjectId("search"), Role.ADMIN);
        assertThat(SsoRoles.of(List.of("search:viewer", "search:admin")).projects())
                .containsEntry(new ProjectId("search"), Role.ADMIN);
    }

    @Test
    void noGroupsGrantNothing() {
        SsoRoles roles = SsoRoles.of(List.of());

        assertThat(roles.owner()).isFalse();
        assertThat(roles.projects()).isEmpty();
    }
}
