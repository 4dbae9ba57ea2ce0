package dev.sentinel.core.application.resource;

import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.AccessDeniedException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceNotFoundException;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceServiceTest {

    private static final ProjectId ALPHA = new ProjectId("alpha");
    private static final ProjectId BETA = new ProjectId("beta");

    private final InMemoryStorage storage = new InMemoryStorage();
    private final ResourceService resources = new ResourceService(storage, CredentialGenerator.create(),
            Clock.fixed(T0, ZoneOffset.UTC));
    private final Account account = anAccount().build();
    private final Principal adminOfAlpha = Principal.account(account,
            List.of(new Membership(ALPHA, account.id(), Role.ADMIN, T0)));
    private final Principal viewerOfAlpha = Principal.account(account,
            List.of(new Membership(ALPHA, account.id(), Role.VIEWER, T0)));
    private final Principal adminOfBeta = Principal.account(account,
            List.of(new Membership(BETA, account.id(), Role.ADMIN, T0)));

    @BeforeEach
    void projects() {
        storage.inTransaction(session -> {
            session.projects().add(Project.named(ALPHA, T0));
            session.projects().add(Project.named(BETA, T0));
            return null;
        });
    }

    private static ResourceDraft tools() {
        return new ResourceDraft("https://tools.example.com/mcp", "Tools", List.of(
                new ResourceDraft.Scope("tools:read", "List the tools", null),
                new ResourceDraft.Scope("tools:run", "Run a tool", "admin")));
    }

    @Test
    void anAdminRegistersAViewerReadsAndEveryChangeIsAudited() {
        RegisteredResource created = resources.create(adminOfAlpha, ALPHA, tools());

        assertThat(created.scope("tools:read")).hasValueSatisfying(scope -> {
            assertThat(scope.minRole()).as("min_role defaults to viewer").isEqualTo(Role.VIEWER);
            assertThat(scope.grantableBy(Role.VIEWER)).isTrue();
        });
        assertThat(created.scope("tools:run").orElseThrow().grantableBy(Role.VIEWER)).isFalse();
        assertThat(resources.list(viewerOfAlpha, ALPHA)).containsExactly(created);
        assertThat(resources.get(viewerOfAlpha, created.id())).isEqualTo(created);

        RegisteredResource changed = resources.change(adminOfAlpha, created.id(), new ResourceDraft(
                created.identifier(), "Tools v2", List.of()));
        assertThat(changed.name()).isEqualTo("Tools v2");
        assertThat(changed.createdAt()).isEqualTo(created.createdAt());
        resources.delete(adminOfAlpha, created.id());
        assertThat(resources.list(viewerOfAlpha, ALPHA)).isEmpty();

        List<AuditRecord> audit = storage.read((StorageSession session) -> session.audit().findAfter(
                dev.sentinel.core.domain.audit.AuditFilter.all(), 0, 10));
        assertThat(audit).extracting(record -> record.entry().action())
                .containsExactly(ResourceService.CREATE_ACTION, ResourceService.CHANGE_ACTION,
                        ResourceService.DELETE_ACTION);
        assertThat(audit.get(1).entry().detail()).contains("name=\"Tools\"", "name=\"Tools v2\"",
                "tools:run(admin)");
    }

    @Test
    void viewersCannotManageAndOtherProjectsFindNothing() {
        RegisteredResource created = resources.create(adminOfAlpha, ALPHA, tools());

        assertThatThrownBy(() -> resources.create(viewerOfAlpha, ALPHA, tools()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> resources.delete(viewerOfAlpha, created.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> resources.get(adminOfBeta, created.id()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> resources.delete(adminOfBeta, created.id()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(resources.list(viewerOfAlpha, ALPHA)).containsExactly(created);
    }

    @Test
    void oneIdentifierBelongsToOneProject() {
        resources.create(adminOfAlpha, ALPHA, tools());

        assertThatThrownBy(() -> resources.create(adminOfBeta, BETA, tools()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("registered already");
        assertThat(resources.list(adminOfBeta, BETA)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsNamedAtOnceAndNothingIsStored() {
        ResourceDraft broken = new ResourceDraft("http://tools.example.com/mcp?x=1", " ", List.of(
                new ResourceDraft.Scope("has space", "", "owner"),
                new ResourceDraft.Scope("ok", "fine", null),
                new ResourceDraft.Scope("ok", "again", "viewer")));

        assertThatThrownBy(() -> resources.create(adminOfAlpha, ALPHA, broken))
                .isInstanceOfSatisfying(ValidationException.class, failure ->
                        assertThat(failure.violations()).extracting(FieldViolation::field).containsExactly(
                                "resource", "name", "scopes[0].name", "scopes[0].description", "scopes[0].min_role",
                                "scopes[2].name"));
        assertThat(resources.list(adminOfAlpha, ALPHA)).isEmpty();
    }

    @Test
    void anIdentifierIsHttpsOrLoopbackHttpWithoutQueryFragmentOrUserInfo() {
        for (String accepted : List.of("https://tools.example.com/mcp", "http://127.0.0.1:8080/mcp",
                "http://[::1]:3000", "http://localhost:9000/mcp")) {
            assertThat(new ResourceDraft(accepted, "T", null).checked().identifier()).isEqualTo(accepted);
        }
        for (String refused : List.of("http://tools.example.com", "http://127.0.0.1.example.com/", "ftp://x.example",
                "https://user@tools.example.com", "https://tools.example.com/#f", "tools.example.com",
                "https://tools.example.com/?a=b")) {
            assertThatThrownBy(() -> new ResourceDraft(refused, "T", null).checked()).as(refused)
                    .isInstanceOfSatisfying(ValidationException.class, failure ->
                            assertThat(failure.violations()).extracting(FieldViolation::field)
                                    .containsExactly("resource"));
        }
    }
}
