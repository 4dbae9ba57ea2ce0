package dev.sentinel.cli.trustpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void gitHubActionsMatchesTheRepositoryAndOptionallyTheRefAndEnvironment() {
        Map<String, String> conditions = Preset.GITHUB_ACTIONS.conditions(workload("acme/invoices", null,
                "refs/heads/main", "production", null, null, null), problems);

        assertThat(problems).isEmpty();
        assertThat(conditions).containsExactly(Map.entry("/repository", "acme/invoices"),
                Map.entry("/ref", "refs/heads/main"), Map.entry("/environment", "production"));
        assertThat(Preset.GITHUB_ACTIONS.defaultIssuer()).contains("https://token.actions.githubusercontent.com");
    }

    @Test
    void gitHubsRefIsTheFullRef() {
        Preset.GITHUB_ACTIONS.conditions(workload("acme/invoices", null, "main", null, null, null, null), problems);

        assertThat(problems).containsExactly("--ref: GitHub's ref claim is the full ref, e.g. refs/heads/main or "
                + "refs/tags/v1 (got 'main')");
    }

    @Test
    void gitLabMatchesTheProjectPathAndTheBareRef() {
        Map<String, String> conditions = Preset.GITLAB_CI.conditions(workload(null, "group/sub/project", "main", null,
                null, null, null), problems);

        assertThat(problems).isEmpty();
        assertThat(conditions).containsExactly(Map.entry("/project_path", "group/sub/project"), Map.entry("/ref", "main"));
        assertThat(Preset.GITLAB_CI.defaultIssuer()).contains("https://gitlab.com");
    }

    @Test
    void kubernetesMatchesTheNestedNamespaceAndServiceAccountClaims() {
        Map<String, String> conditions = Preset.KUBERNETES.conditions(workload(null, null, null, null, "agents",
                "invoice-bot", null), problems);

        assertThat(problems).isEmpty();
        assertThat(conditions).containsExactly(Map.entry("/kubernetes.io/namespace", "agents"),
                Map.entry("/kubernetes.io/serviceaccount/name", "invoice-bot"));
        assertThat(Preset.KUBERNETES.defaultIssuer()).isEmpty();
    }

    @Test
    void spiffeMatchesTheSpiffeIdAsTheSubject() {
        Map<String, String> conditions = Preset.SPIFFE.conditions(workload(null, null, null, null, null, null,
                "spiffe://example.org/ns/prod/sa/agent"), problems);

        assertThat(problems).isEmpty();
        assertThat(conditions).containsExactly(Map.entry("/sub", "spiffe://example.org/ns/prod/sa/agent"));
    }

    @Test
    void namesEveryMissingAndEveryForeignOptionAtOnce() {
        Preset.KUBERNETES.conditions(workload("acme/invoices", null, "main", null, null, null, null), problems);

        assertThat(problems).containsExactly(
                "--namespace is required with this preset (the service account's namespace)",
                "--service-account is required with this preset (the service account's name)",
                "--preset kubernetes does not take --repository, --ref");
    }

    @Test
    void anUnknownPresetListsTheKnownOnes() {
        assertThatThrownBy(() -> Preset.parse("circleci")).hasMessage("--preset must be one of github-actions, "
                + "gitlab-ci, kubernetes, spiffe (got 'circleci')");
        assertThat(Preset.parse("GitHub-Actions")).isEqualTo(Preset.GITHUB_ACTIONS);
    }

    private static Preset.Workload workload(String repository, String projectPath, String ref, String environment,
                                            String namespace, String serviceAccount, String spiffeId) {
        return new Preset.Workload(repository, projectPath, ref, environment, namespace, serviceAccount, spiffeId);
    }
}
