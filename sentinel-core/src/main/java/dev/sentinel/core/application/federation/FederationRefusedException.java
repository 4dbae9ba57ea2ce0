package dev.sentinel.core.application.federation;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A workload's token that no trust policy accepts. {@link #code()} and {@link #detail()} are the evidence (never for
 * the caller: they can name conditions and claims); {@link #description()} is what the caller is told. The refusal
 * concerns {@link #pass()} when a policy or the request's {@code client_id} names one, otherwise the projects whose
 * policies were tried ({@link #projects()}, empty when no policy trusts the issuer).
 */
public final class FederationRefusedException extends Exception {

    /** Why, as evidence records it: {@code unknown_issuer}, {@code no_policy_matched}, {@code expired} … */
    public enum Reason {
        MALFORMED("malformed"),
        UNKNOWN_CLIENT("unknown_client"),
        UNKNOWN_ISSUER("unknown_issuer"),
        ALG_NOT_ALLOWED("alg_not_allowed"),
        UNKNOWN_KID("unknown_kid"),
        BAD_SIGNATURE("bad_signature"),
        KEYS_UNAVAILABLE("keys_unavailable"),
        EXPIRED("expired"),
        NOT_YET_VALID("not_yet_valid"),
        TOO_OLD("too_old"),
        WRONG_AUDIENCE("wrong_audience"),
        CONDITION_FAILED("condition_failed"),
        NO_POLICY_MATCHED("no_policy_matched"),
        SEVERAL_MATCH("several_policies_match"),
        PASS_REFUSED("pass_refused");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final String detail;
    private final String description;
    private final Optional<String> issuer;
    private final Optional<PassId> pass;
    private final Set<ProjectId> projects;
    private final Map<ProjectId, String> projectDetails;

    FederationRefusedException(Reason reason, String detail, String description, Optional<String> issuer,
                               Optional<PassId> pass, Set<ProjectId> projects) {
        this(reason, detail, description, issuer, pass, projects, Map.of());
    }

    /**
     * @param projectDetails for a refusal that names no pass and tried policies of several projects: what each
     *                       project's audit trail records, naming that project's policies only
     */
    FederationRefusedException(Reason reason, String detail, String description, Optional<String> issuer,
                               Optional<PassId> pass, Set<ProjectId> projects, Map<ProjectId, String> projectDetails) {
        super(reason.code() + ": " + detail, null, false, false);
        this.projectDetails = Map.copyOf(projectDetails);
        this.reason = reason;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.description = Objects.requireNonNull(description, "description");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.pass = Objects.requireNonNull(pass, "pass");
        this.projects = Set.copyOf(projects);
    }

    public Reason reason() {
        return reason;
    }

    /** The evidence code, such as {@code too_old}. */
    public String code() {
        return reason.code();
    }

    /** The precise reason for the evidence, e.g. {@code policy tp_… condition /ref: the claim is "refs/heads/dev"}. */
    public String detail() {
        return detail;
    }

    /** What the caller is told ({@code error_description} of {@code invalid_grant}). */
    public String description() {
        return description;
    }

    /** The token's {@code iss}, when it had one (verified or not). */
    public Optional<String> issuer() {
        return issuer;
    }

    /** The pass the refusal is recorded against, when a policy or the request names one. */
    public Optional<PassId> pass() {
        return pass;
    }

    /** The projects whose policies were tried, for a refusal that names no pass. */
    public Set<ProjectId> projects() {
        return projects;
    }

    /**
     * The evidence for one of {@link #projects()}: it names that project's policies and passes only, never another
     * project's (whose viewers could otherwise read them in their audit trail).
     */
    public String detailFor(ProjectId project) {
        return projectDetails.getOrDefault(project, detail);
    }
}
