package dev.sentinel.cli.trustpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentinel trust-policy create|list|show|delete}, presets included, against a real store. */
class TrustPolicyCommandsTest {

    private static final String SENTINEL = "https://sentinel.example.com";

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private Cli cli;
    private String passId;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
        passId = cli.createPass().get("pass").get("pass_id").asText();
    }

    @Test
    void theGitHubActionsPresetMakesAPolicyOnTheRepositoryAndRef() {
        Result created = create("--preset", "github-actions", "--repository", "acme/invoices", "--ref",
                "refs/heads/main", "--max-token-age", "10m", "--description", "deploy job", "--json");

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode policy = created.json();
        assertThat(policy.get("id").asText()).startsWith("tp_");
        assertThat(policy.get("project").asText()).isEqualTo("demo");
        assertThat(policy.get("issuer").asText()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(policy.get("audience").asText()).isEqualTo(SENTINEL);
        assertThat(policy.get("conditions").toString())
                .isEqualTo("{\"/repository\":\"acme/invoices\",\"/ref\":\"refs/heads/main\"}");
        assertThat(policy.get("max_token_age").asText()).isEqualTo("10m");
        assertThat(policy.get("pass_id").asText()).isEqualTo(passId);
        assertThat(policy.get("description").asText()).isEqualTo("deploy job");
        assertThat(created.err()).contains("Created trust policy " + policy.get("id").asText());

        String id = policy.get("id").asText();
        Result listed = cli.run("trust-policy", "list", "--project", "demo");
        assertThat(listed.out()).contains("ID", "PASS", "ISSUER", id, passId, "/repository=acme/invoices");
        Result shown = cli.run("trust-policy", "show", id);
        assertThat(shown.out()).contains("https://token.actions.githubusercontent.com", "from the issuer's discovery",
                "/ref=refs/heads/main", "10m");
        assertThat(cli.run("trust-policy", "show", id, "--json").json()).isEqualTo(policy);

        Result deleted = cli.run("trust-policy", "delete", id);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(cli.run("trust-policy", "list", "--project", "demo").out()).contains("No trust policies in demo yet");
        assertThat(cli.run("audit", "list", "--json").json().get("data").findValuesAsText("action"))
                .containsSubsequence("trust_policy.delete", "trust_policy.create");
    }

    @Test
    void theKubernetesPresetTakesAStaticKeySetForAnIssuerSentinelCannotReach() throws Exception {
        Path jwks = Files.writeString(files.resolve("cluster.json"), "{\"keys\":[" + publicKeyOf() + "]}");

        Result created = create("--preset", "kubernetes", "--issuer", "https://kubernetes.default.svc.cluster.local",
                "--namespace", "agents", "--service-account", "invoice-bot", "--jwks-file", jwks.toString(), "--json");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().get("conditions").toString()).isEqualTo("{\"/kubernetes.io/namespace\":\"agents\","
                + "\"/kubernetes.io/serviceaccount/name\":\"invoice-bot\"}");
        assertThat(created.json().get("jwks").get("keys")).hasSize(1);
        assertThat(cli.run("trust-policy", "show", created.json().get("id").asText()).out()).contains("static set: ");
    }

    @Test
    void theSpiffePresetMatchesTheSpiffeIdAndMoreConditionsAddToIt() {
        Result created = create("--preset", "spiffe", "--issuer", "https://spire.example.org", "--spiffe-id",
                "spiffe://example.org/ns/prod/sa/*", "--condition", "/env=prod", "--json");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().get("conditions").toString())
                .isEqualTo("{\"/sub\":\"spiffe://example.org/ns/prod/sa/*\",\"/env\":\"prod\"}");
    }

    @Test
    void everyUsageProblemIsNamedAtOnceAndNothingIsWritten() {
        Result refused = cli.run("trust-policy", "create", "--project", "demo", "--pass", passId, "--preset",
                "kubernetes", "--repository", "acme/x", "--condition", "ref=main");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--namespace is required with this preset",
                "--service-account is required with this preset", "--preset kubernetes does not take --repository",
                "--issuer is required with --preset kubernetes", "--condition must be /POINTER=VALUE",
                "--audience is required");
        assertThat(cli.run("trust-policy", "list", "--project", "demo").out()).contains("No trust policies");
    }

    @Test
    void aPolicyThatNamesNoWorkloadIsRefusedByTheServersRule() {
        Result refused = create("--issuer", "https://token.actions.githubusercontent.com", "--condition",
                "/ref=refs/heads/main");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("conditions");
        assertThat(cli.run("trust-policy", "list", "--project", "demo").out()).contains("No trust policies");
    }

    @Test
    void aPlainHttpIssuerIsRefusedEvenOnAPrivateAddressSinceTheCommandCannotKnowTheServersSetting() {
        Result refused = create("--preset", "kubernetes", "--issuer", "http://10.0.0.5:6443", "--namespace", "agents",
                "--service-account", "bot");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("issuer").contains("https");
        assertThat(cli.run("trust-policy", "list", "--project", "demo").out()).contains("No trust policies");
    }

    @Test
    void aPassOfAnotherProjectIsRefused() {
        String other = cli.run("pass", "create", "--project", "other", "--name", "Other Bot", "--type", "bot").json()
                .get("pass").get("pass_id").asText();

        Result refused = cli.run("trust-policy", "create", "--project", "demo", "--pass", other, "--audience", SENTINEL,
                "--preset", "github-actions", "--repository", "acme/invoices");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("pass_id (--pass)");
    }

    private Result create(String... extra) {
        List<String> args = new ArrayList<>(List.of("trust-policy", "create", "--project", "demo", "--pass", passId,
                "--audience", SENTINEL));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private static String publicKeyOf() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new com.nimbusds.jose.jwk.RSAKey.Builder((java.security.interfaces.RSAPublicKey) generator
                .generateKeyPair().getPublic()).keyID("cluster-1").build().toJSONString();
    }
}
