package dev.sentinel.cli.trustpolicy;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.federation.TrustPolicyDraft;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.TrustPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel trust-policy create}: a policy from options, or from a preset that fills in the issuer and the
 * conditions that name the workload. Every rule (the server's included: one condition must name the workload, the
 * pass must be of the project) is checked before anything is written. Audited as {@code trust_policy.create}.
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a trust policy: tokens from --issuer for --audience whose claims meet every",
            "--condition stand for --pass. --preset fills in the issuer and the conditions of a platform. Audited."})
final class TrustPolicyCreateCommand implements Callable<Integer> {

    private static final long MAX_JWKS_BYTES = 256 * 1024;

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "The project of the policy.")
    String project;

    @Option(names = "--pass", required = true, paramLabel = "PASS_ID",
            description = "The pass (of the same project) whose token a matching workload gets.")
    String pass;

    @Option(names = "--preset", paramLabel = "PRESET",
            description = "github-actions, gitlab-ci, kubernetes or spiffe: the issuer and conditions of that platform "
                    + "from --repository, --project-path, --ref, --environment, --namespace, --service-account or "
                    + "--spiffe-id.")
    String preset;

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The https issuer (iss) of the workload's tokens. Default with --preset github-actions: "
                    + "https://token.actions.githubusercontent.com; gitlab-ci: https://gitlab.com.")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD", defaultValue = "${env:SENTINEL_ISSUER}",
            description = "The aud the tokens must carry. Default: Sentinel's issuer, from env SENTINEL_ISSUER as for "
                    + "serve (required when that is not set).")
    String audience;

    @Option(names = "--condition", paramLabel = "/POINTER=VALUE",
            description = "A claim condition: a JSON Pointer, =, and the exact value or a * glob, e.g. "
                    + "/ref=refs/heads/main (repeatable).")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--max-token-age", paramLabel = "DURATION",
            description = "How old (since iat) a token may be, e.g. 10m (1 minute to 24 hours). Default: 1h.")
    String maxTokenAge;

    @Option(names = "--jwks-uri", paramLabel = "URL",
            description = "Where the issuer's keys are, when not at its OpenID/RFC 8414 discovery.")
    String jwksUri;

    @Option(names = "--jwks-file", paramLabel = "FILE",
            description = "The issuer's public keys as a JWK set, for an issuer Sentinel cannot reach (e.g. a "
                    + "cluster's: kubectl get --raw /openid/v1/jwks).")
    Path jwksFile;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the policy is for.")
    String description;

    @Option(names = "--repository", paramLabel = "OWNER/REPO", description = "github-actions: the repository.")
    String repository;

    @Option(names = "--project-path", paramLabel = "GROUP/PROJECT", description = "gitlab-ci: the project's path.")
    String projectPath;

    @Option(names = "--ref", paramLabel = "REF",
            description = "github-actions: the full ref (refs/heads/main); gitlab-ci: the branch or tag (main).")
    String ref;

    @Option(names = "--environment", paramLabel = "NAME", description = "github-actions, gitlab-ci: the deployment "
            + "environment.")
    String environment;

    @Option(names = "--namespace", paramLabel = "NAME", description = "kubernetes: the service account's namespace.")
    String namespace;

    @Option(names = "--service-account", paramLabel = "NAME", description = "kubernetes: the service account's name.")
    String serviceAccount;

    @Option(names = "--spiffe-id", paramLabel = "SPIFFE_ID",
            description = "spiffe: the workload's SPIFFE ID (the JWT-SVID's sub), e.g. spiffe://example.org/ns/prod/"
                    + "sa/agent, or a * glob.")
    String spiffeId;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        TrustPolicyDraft draft = draft();
        TrustPolicy created;
        try (Store store = Store.open(storeOptions)) {
            created = store.trustPolicies(audience).create(Store.PRINCIPAL, ProjectId.of(project), draft);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(Json.write(TrustPolicyViews.json(created)));
        } else {
            TrustPolicyViews.print(out, created);
        }
        out.flush();
        spec.commandLine().getErr().println("Created trust policy " + created.id() + " for pass " + created.passId()
                + ".");
        spec.commandLine().getErr().flush();
        return 0;
    }

    /** The draft from the options and the preset; usage problems (all of them) before anything is opened. */
    TrustPolicyDraft draft() {
        List<String> problems = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>();
        String issuerUsed = issuer;
        Preset.Workload workload = new Preset.Workload(repository, projectPath, ref, environment, namespace,
                serviceAccount, spiffeId);
        if (preset != null) {
            Preset chosen = null;
            try {
                chosen = Preset.parse(preset);
            } catch (IllegalArgumentException unknown) {
                problems.add(unknown.getMessage());
            }
            if (chosen != null) {
                all.putAll(chosen.conditions(workload, problems));
                if (issuerUsed == null) {
                    issuerUsed = chosen.defaultIssuer().orElse(null);
                    if (issuerUsed == null) {
                        problems.add("--issuer is required with --preset " + chosen.code()
                                + " (the issuer URL its tokens carry as iss)");
                    }
                }
            }
        } else {
            List<String> given = new ArrayList<>();
            if (repository != null) given.add("--repository");
            if (projectPath != null) given.add("--project-path");
            if (ref != null) given.add("--ref");
            if (environment != null) given.add("--environment");
            if (namespace != null) given.add("--namespace");
            if (serviceAccount != null) given.add("--service-account");
            if (spiffeId != null) given.add("--spiffe-id");
            if (!given.isEmpty()) {
                problems.add(String.join(", ", given) + " need --preset (or give them as --condition)");
            }
            if (issuerUsed == null) {
                problems.add("--issuer is required (or a --preset that names it)");
            }
        }
        for (String condition : conditions) {
            int equals = condition.indexOf('=');
            if (!condition.startsWith("/") || equals < 2) {
                problems.add("--condition must be /POINTER=VALUE, e.g. /ref=refs/heads/main (got '" + condition + "')");
                continue;
            }
            String pointer = condition.substring(0, equals);
            if (all.containsKey(pointer)) {
                problems.add("--condition " + pointer + " is already set by the preset or another --condition");
                continue;
            }
            all.put(pointer, condition.substring(equals + 1));
        }
        if (audience == null || audience.isBlank()) {
            problems.add("--audience is required: Sentinel's issuer (as serve's --issuer), or set SENTINEL_ISSUER");
        }
        if (jwksUri != null && jwksFile != null) {
            problems.add("give --jwks-uri or --jwks-file, not both");
        }
        String jwks = jwksFile == null ? null : read(jwksFile, problems);
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        return new TrustPolicyDraft(issuerUsed, jwksUri, jwks, audience, all, maxTokenAge, pass, description);
    }

    private static String read(Path file, List<String> problems) {
        try {
            if (Files.size(file) > MAX_JWKS_BYTES) {
                problems.add("--jwks-file: " + file + " is larger than 256 KiB");
                return null;
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            problems.add("--jwks-file: cannot read " + file + ": " + unreadable.getMessage());
            return null;
        }
    }
}
