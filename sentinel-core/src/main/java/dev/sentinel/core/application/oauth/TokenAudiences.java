package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.domain.Audiences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Chooses the {@code aud} of a token from RFC 8707 {@code resource} indicators and the pass's allowed audiences. */
final class TokenAudiences {

    private TokenAudiences() {
    }

    /**
     * With resources: exactly those (duplicates dropped), each an absolute URI without fragment that the pass may
     * ask for: one of its allowed audiences; when it lists none, {@code defaultAudience} or a resource of the pass's
     * project ({@code registeredInProject}, asked only for a resource that is not the default audience). Without: the
     * pass's allowed audiences, or {@code defaultAudience} when it lists none.
     *
     * @throws OAuthException {@code invalid_target}
     */
    static List<String> resolve(List<String> resources, Audiences allowed, String defaultAudience,
                                Predicate<String> registeredInProject) {
        List<String> permitted = allowed.isEmpty() ? List.of(defaultAudience) : allowed.values();
        if (resources.isEmpty()) {
            return permitted;
        }
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String resource : resources) {
            Optional<String> problem = Audiences.problem(resource);
            if (problem.isPresent()) {
                throw new OAuthException(OAuthError.INVALID_TARGET, "each resource " + problem.get());
            }
            if (!permitted.contains(resource) && !(allowed.isEmpty() && registeredInProject.test(resource))) {
                throw new OAuthException(OAuthError.INVALID_TARGET, allowed.isEmpty()
                        ? "a resource is neither registered in the client's project nor Sentinel's own audience"
                        : "a resource is not an audience this client may request");
            }
            chosen.add(resource);
        }
        return new ArrayList<>(chosen);
    }
}
