package dev.sentinel.core.application.access;

import static dev.sentinel.core.fixtures.TestAccessKeys.anAccessKey;
import static dev.sentinel.core.fixtures.TestAccounts.anAccount;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.access.AccessDeniedException;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.in.Principal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every caller against every action, in its own project A and in another project B. The expected answers are written
 * out per caller: "ok", "403 role" (forbidden, naming the role needed) or "404" (not found).
 */
class AuthorizationTest {

    private static final ProjectId A = new ProjectId("alpha");
    private static final ProjectId B = new ProjectId("beta");
    private static final List<AccessAction> PROJECT_ACTIONS = List.of(AccessAction.READ_PROJECT, AccessAction.EXPORT,
            AccessAction.MANAGE_PASSES, AccessAction.MANAGE_MEMBERS, AccessAction.INGEST_ACTIVITY);
    private static final List<AccessAction> SERVER_ACTIONS = List.of(AccessAction.CREATE_PROJECT,
            AccessAction.DELETE_PROJECT, AccessAction.MANAGE_ACCOUNTS, AccessAction.MANAGE_ACCESS_KEYS,
            AccessAction.MANAGE_SIGNING_KEYS, AccessAction.MANAGE_SERVER, AccessAction.READ_AUDIT, AccessAction.READ_METRICS);

    /** Per caller: its answers in A and in B for each project action (in PROJECT_ACTIONS order), then server actions. */
    static Stream<Arguments> matrix() {
        String everything = "ok ok ok ok ok | ok ok ok ok ok | ok ok ok ok ok ok ok ok";
        var account = anAccount().build();
        return Stream.of(
                Arguments.of("owner account", Principal.account(anAccount().owner().build(), List.of()), everything),
                Arguments.of("owner key", Principal.key(anAccessKey().build()), everything),
                Arguments.of("legacy admin token", Principal.adminToken(), everything),
                Arguments.of("cli", Principal.cli("root"), everything),
                Arguments.of("server", Principal.server(), everything),
                Arguments.of("admin of A", Principal.account(account, List.of(new Membership(A, account.id(), Role.ADMIN, T0))),
                        "ok ok ok ok 403:ingest | 404 404 404 404 404 | " + serverForbidden()),
                Arguments.of("viewer of A", Principal.account(account, List.of(new Membership(A, account.id(), Role.VIEWER, T0))),
                        "ok ok 403:admin 403:admin 403:ingest | 404 404 404 404 404 | " + serverForbidden()),
                Arguments.of("account without projects", Principal.account(account, List.of()),
                        "404 404 404 404 404 | 404 404 404 404 404 | " + serverForbidden()),
                Arguments.of("admin key of A", Principal.key(anAccessKey().withRole(Role.ADMIN).inProjects("alpha").build()),
                        "ok ok ok ok 403:ingest | 404 404 404 404 404 | " + serverForbidden()),
                Arguments.of("viewer key of A", Principal.key(anAccessKey().withRole(Role.VIEWER).inProjects("alpha").build()),
                        "ok ok 403:admin 403:admin 403:ingest | 404 404 404 404 404 | " + serverForbidden()),
                Arguments.of("ingest key of A", Principal.key(anAccessKey().withRole(Role.INGEST).inProjects("alpha").build()),
                        "403:viewer 403:viewer 403:admin 403:admin ok | 404 404 404 404 404 | " + serverForbidden()),
                Arguments.of("metrics key", Principal.key(anAccessKey().withRole(Role.METRICS).build()),
                        "404 404 404 404 404 | 404 404 404 404 404 | 403:owner 403:owner 403:owner 403:owner 403:owner "
                                + "403:owner 403:owner ok"),
                Arguments.of("legacy ingest token", Principal.ingestToken(),
                        "403:viewer 403:viewer 403:admin 403:admin ok | 403:viewer 403:viewer 403:admin 403:admin ok | "
                                + serverForbidden()));
    }

    private static String serverForbidden() {
        return "403:owner 403:owner 403:owner 403:owner 403:owner 403:owner 403:owner 403:metrics";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void decidesEveryActionAsTheRolesSay(String caller, Principal principal, String expected) {
        String[] groups = expected.split("\\|");
        List<String> inA = List.of(groups[0].trim().split(" "));
        List<String> inB = List.of(groups[1].trim().split(" "));
        List<String> server = List.of(groups[2].trim().split(" "));
        for (int i = 0; i < PROJECT_ACTIONS.size(); i++) {
            AccessAction action = PROJECT_ACTIONS.get(i);
            assertThat(shown(Authorization.decide(principal, action, A))).as(action + " in A").isEqualTo(inA.get(i));
            assertThat(shown(Authorization.decide(principal, action, B))).as(action + " in B").isEqualTo(inB.get(i));
        }
        for (int i = 0; i < SERVER_ACTIONS.size(); i++) {
            AccessAction action = SERVER_ACTIONS.get(i);
            assertThat(shown(Authorization.decide(principal, action))).as(action.toString()).isEqualTo(server.get(i));
        }
    }

    private static String shown(Decision decision) {
        return switch (decision.outcome()) {
            case ALLOWED -> "ok";
            case NOT_FOUND -> "404";
            case FORBIDDEN -> "403:" + decision.roleNeeded().orElseThrow().code();
        };
    }

    @org.junit.jupiter.api.Test
    void aPassOutsideTheCallersProjectsIsNotFoundAndInsideForbiddenNamesTheRole() {
        InMemoryStorage storage = new InMemoryStorage();
        PassId passId = TestServices.passService(storage).create(dev.sentinel.core.port.in.CreatePassCommand
                .builder("alpha").agentName("Agent").agentType("Agent").build()).pass().passId();
        Authorization authorization = new Authorization(storage);
        Principal viewerOfA = Principal.key(anAccessKey().withRole(Role.VIEWER).inProjects("alpha").build());
        Principal adminOfB = Principal.key(anAccessKey().withRole(Role.ADMIN).inProjects("beta").build());

        assertThat(authorization.decideOnPass(viewerOfA, AccessAction.READ_PROJECT, passId).isAllowed()).isTrue();
        assertThatThrownBy(() -> authorization.requireOnPass(viewerOfA, AccessAction.MANAGE_PASSES, passId))
                .isInstanceOfSatisfying(AccessDeniedException.class, denied ->
                        assertThat(denied.roleNeeded()).isEqualTo(Role.ADMIN));
        assertThatThrownBy(() -> authorization.requireOnPass(adminOfB, AccessAction.READ_PROJECT, passId))
                .isInstanceOf(PassNotFoundException.class)
                .hasMessage(new PassNotFoundException(passId.value()).getMessage());
        assertThat(authorization.decideOnPass(Principal.adminToken(), AccessAction.READ_PROJECT,
                new PassId("SP-2026-ZZZZZZ")).outcome()).isEqualTo(Decision.Outcome.NOT_FOUND);
        assertThatThrownBy(() -> Authorization.require(adminOfB, AccessAction.READ_PROJECT, A))
                .isInstanceOf(ProjectNotFoundException.class);
    }
}
