package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestTimes.T0;
import static dev.sentinel.core.fixtures.TestTrustPolicies.aTrustPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.TrustPolicy;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link TrustPolicies}, for every adapter. */
public abstract class TrustPoliciesContract extends StorageContractSupport {

    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    private Pass pass;

    @BeforeEach
    void projectWithAPass() {
        run(session -> session.projects().add(Project.named(new ProjectId("demo"), T0)));
        pass = givenStoredPass();
    }

    @Test
    void keepsEveryFieldOfEachKindOfKeySource() {
        TrustPolicy discovery = aTrustPolicy().withId("tp_" + "D".repeat(16)).forPass(pass.passId())
                .withConditions("/repository", "octo-org/app", "/ref", "refs/heads/*", "/kubernetes.io~1x/a~0b", "1")
                .describedAs("deploys from main").build();
        TrustPolicy uri = aTrustPolicy().withId("tp_" + "U".repeat(16)).forPass(pass.passId())
                .withJwksUri("https://keys.example.com/jwks.json").withMaxTokenAge(Duration.ofHours(24))
                .createdAt(T0.plusSeconds(1)).build();
        TrustPolicy fixed = aTrustPolicy().withId("tp_" + "S".repeat(16)).forPass(pass.passId()).withJwks(JWKS)
                .withIssuer("https://kubernetes.default.svc").withAudience("sentinel").createdAt(T0.plusSeconds(2))
                .build();
        run(session -> {
            session.trustPolicies().add(discovery);
            session.trustPolicies().add(uri);
            session.trustPolicies().add(fixed);
        });

        assertThat(tx((StorageSession session) -> session.trustPolicies().find(discovery.id()))).contains(discovery);
        assertThat(tx((StorageSession session) -> session.trustPolicies().find(uri.id()))).contains(uri);
        assertThat(tx((StorageSession session) -> session.trustPolicies().find(fixed.id()))).contains(fixed);
        assertThat(tx((StorageSession session) -> session.trustPolicies().listByProject(new ProjectId("demo"))))
                .containsExactly(discovery, uri, fixed);
        assertThat(tx((StorageSession session) -> session.trustPolicies().listByIssuer(discovery.issuer())))
                .containsExactly(discovery, uri);
        assertThat(tx((StorageSession session) -> session.trustPolicies().listByIssuer(discovery.issuer() + "/")))
                .as("the issuer is compared exactly").isEmpty();
    }

    @Test
    void aTakenIdIsAConflict() {
        TrustPolicy policy = aTrustPolicy().forPass(pass.passId()).build();
        run(session -> session.trustPolicies().add(policy));

        assertThatThrownBy(() -> run(session -> session.trustPolicies().add(policy)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void replaceAndDelete() {
        TrustPolicy policy = aTrustPolicy().forPass(pass.passId()).build();
        run(session -> session.trustPolicies().add(policy));
        TrustPolicy changed = aTrustPolicy().forPass(pass.passId()).withConditions("/sub", "repo:octo-org/app:*")
                .withAudience("https://other.test").build();

        assertThat(tx((StorageSession session) -> session.trustPolicies().replace(changed))).isTrue();
        assertThat(tx((StorageSession session) -> session.trustPolicies().find(policy.id()))).contains(changed);
        assertThat(tx((StorageSession session) -> session.trustPolicies().delete(policy.id()))).isTrue();
        assertThat(tx((StorageSession session) -> session.trustPolicies().delete(policy.id()))).isFalse();
        assertThat(tx((StorageSession session) -> session.trustPolicies().replace(changed))).isFalse();
        assertThat(tx((StorageSession session) -> session.trustPolicies().find(policy.id()))).isEmpty();
    }

    @Test
    void aRolledBackAddLeavesNothing() {
        TrustPolicy policy = aTrustPolicy().forPass(pass.passId()).build();
        assertThatThrownBy(() -> run(session -> {
            session.trustPolicies().add(policy);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(tx((StorageSession session) -> session.trustPolicies().find(policy.id()))).isEmpty();
    }
}
