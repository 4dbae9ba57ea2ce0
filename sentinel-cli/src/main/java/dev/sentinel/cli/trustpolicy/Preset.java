package dev.sentinel.cli.trustpolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --preset}: the issuer and claim conditions of a workload platform's identity tokens, from the options that
 * name the workload. Claim names as the platforms document them: GitHub Actions ({@code repository}, {@code ref} as
 * {@code refs/heads/…}, {@code environment}), GitLab CI {@code id_tokens} ({@code project_path}, {@code ref} without a
 * prefix, {@code environment}), Kubernetes projected service-account tokens (the nested {@code kubernetes.io} claim:
 * {@code /kubernetes.io/namespace}, {@code /kubernetes.io/serviceaccount/name}) and SPIFFE JWT-SVIDs ({@code sub} is
 * the SPIFFE ID).
 */
enum Preset {
    GITHUB_ACTIONS("github-actions", "https://token.actions.githubusercontent.com"),
    GITLAB_CI("gitlab-ci", "https://gitlab.com"),
    KUBERNETES("kubernetes", null),
    SPIFFE("spiffe", null);

    private final String code;
    private final String defaultIssuer;

    Preset(String code, String defaultIssuer) {
        this.code = code;
        this.defaultIssuer = defaultIssuer;
    }

    String code() {
        return code;
    }

    /** The issuer the platform's tokens carry, when it is the same everywhere (GitHub.com, GitLab.com). */
    Optional<String> defaultIssuer() {
        return Optional.ofNullable(defaultIssuer);
    }

    static Preset parse(String value) {
        for (Preset preset : values()) {
            if (preset.code.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return preset;
            }
        }
        throw new IllegalArgumentException("--preset must be one of github-actions, gitlab-ci, kubernetes, spiffe (got '"
                + value + "')");
    }

    /** The options a preset reads, each named as on the command line; null when not given. */
    record Workload(String repository, String projectPath, String ref, String environment, String namespace,
                    String serviceAccount, String spiffeId) {
    }

    /**
     * The conditions (JSON Pointer → value) for the workload, in the order shown; every problem (a required option
     * missing, an option of another preset, a GitHub ref without {@code refs/}) is added to {@code problems}.
     */
    Map<String, String> conditions(Workload workload, List<String> problems) {
        Map<String, String> conditions = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        switch (this) {
            case GITHUB_ACTIONS -> {
                require(problems, "--repository", workload.repository(), "owner/repo");
                put(conditions, "/repository", workload.repository());
                if (workload.ref() != null && !workload.ref().startsWith("refs/") && !workload.ref().equals("*")) {
                    problems.add("--ref: GitHub's ref claim is the full ref, e.g. refs/heads/main or refs/tags/v1 (got '"
                            + workload.ref() + "')");
                }
                put(conditions, "/ref", workload.ref());
                put(conditions, "/environment", workload.environment());
                foreign(foreign, workload, "projectPath", "namespace", "serviceAccount", "spiffeId");
            }
            case GITLAB_CI -> {
                require(problems, "--project-path", workload.projectPath(), "group/project");
                put(conditions, "/project_path", workload.projectPath());
                put(conditions, "/ref", workload.ref());
                put(conditions, "/environment", workload.environment());
                foreign(foreign, workload, "repository", "namespace", "serviceAccount", "spiffeId");
            }
            case KUBERNETES -> {
                require(problems, "--namespace", workload.namespace(), "the service account's namespace");
                require(problems, "--service-account", workload.serviceAccount(), "the service account's name");
                put(conditions, "/kubernetes.io/namespace", workload.namespace());
                put(conditions, "/kubernetes.io/serviceaccount/name", workload.serviceAccount());
                foreign(foreign, workload, "repository", "projectPath", "ref", "environment", "spiffeId");
            }
            case SPIFFE -> {
                require(problems, "--spiffe-id", workload.spiffeId(), "spiffe://trust-domain/path");
                put(conditions, "/sub", workload.spiffeId());
                foreign(foreign, workload, "repository", "projectPath", "ref", "environment", "namespace",
                        "serviceAccount");
            }
            default -> throw new IllegalStateException(code);
        }
        if (!foreign.isEmpty()) {
            problems.add("--preset " + code + " does not take " + String.join(", ", foreign));
        }
        return conditions;
    }

    private static void require(List<String> problems, String option, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(option + " is required with this preset (" + what + ")");
        }
    }

    private static void put(Map<String, String> conditions, String pointer, String value) {
        if (value != null && !value.isBlank()) {
            conditions.put(pointer, value.strip());
        }
    }

    private static void foreign(List<String> foreign, Workload workload, String... fields) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("repository", workload.repository());
        given.put("projectPath", workload.projectPath());
        given.put("ref", workload.ref());
        given.put("environment", workload.environment());
        given.put("namespace", workload.namespace());
        given.put("serviceAccount", workload.serviceAccount());
        given.put("spiffeId", workload.spiffeId());
        for (String field : fields) {
            if (given.get(field) != null) {
                foreign.add(OPTION_OF.get(field));
            }
        }
    }

    private static final Map<String, String> OPTION_OF = Map.of("repository", "--repository",
            "projectPath", "--project-path", "ref", "--ref", "environment", "--environment", "namespace", "--namespace",
            "serviceAccount", "--service-account", "spiffeId", "--spiffe-id");
}
