package dev.sentinel.core.port.in;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to the token endpoint, as one value: the grant type, the client authentication presented, the RFC 8707
 * {@code resource} indicators, every other parameter as sent (a parameter sent without a value is present with an
 * empty one, RFC 6749 §3.1), and where the request came from. Grant-specific parameters (an assertion, a code) are read
 * from {@link #parameters()} by the use case of their grant.
 *
 * <pre>{@code
 * IssuedToken token = tokens.grant(TokenRequest.clientCredentials(clientId, clientSecret).scope("read:data").build());
 * }</pre>
 */
public record TokenRequest(String grantType, ClientPresentation client, List<String> resources,
                           Map<String, String> parameters, RequestOrigin origin) {

    /** The path recorded for requests that do not come through the HTTP token endpoint. */
    public static final String TOKEN_ENDPOINT = "/oauth/token";

    public TokenRequest {
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(client, "client");
        resources = List.copyOf(resources);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(origin, "origin");
    }

    /** The {@code scope} asked for; empty when absent or empty (then all the pass's permissions). */
    public Optional<String> scope() {
        return parameter("scope");
    }

    /** A parameter's value; empty when absent or sent without a value. */
    public Optional<String> parameter(String name) {
        String value = parameters.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Whether the parameter was sent at all, with or without a value. */
    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    /** A client credentials grant for {@code clientId} with its secret, from this process. */
    public static Builder clientCredentials(String clientId, CharSequence clientSecret) {
        return new Builder("client_credentials", ClientPresentation.post(clientId, clientSecret.toString()));
    }

    /**
     * A grant whose parameters prove the pass themselves (jwt-bearer with {@code assertion}, token exchange with
     * {@code subject_token}), presenting no client authentication; add them with {@link Builder#parameter}.
     */
    public static Builder withoutClientAuthentication(String grantType) {
        return new Builder(Objects.requireNonNull(grantType, "grantType"), new ClientPresentation.Unusable(
                dev.sentinel.core.domain.OAuthError.INVALID_CLIENT, "client authentication failed"));
    }

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + grantType + ", client=" + client + ", resources=" + resources + "]";
    }

    /** Builds a request made from this process rather than over HTTP. Not thread-safe. */
    public static final class Builder {
        private final String grantType;
        private final ClientPresentation client;
        private final java.util.ArrayList<String> resources = new java.util.ArrayList<>();
        private final java.util.LinkedHashMap<String, String> parameters = new java.util.LinkedHashMap<>();
        private RequestOrigin origin = RequestOrigin.local(TOKEN_ENDPOINT);

        private Builder(String grantType, ClientPresentation client) {
            this.grantType = grantType;
            this.client = client;
        }

        /** The scope to ask for (space-separated); default all the pass's permissions. */
        public Builder scope(String value) {
            parameters.put("scope", Objects.requireNonNull(value, "scope"));
            return this;
        }

        /** An RFC 8707 resource indicator; repeat for several. */
        public Builder resource(String value) {
            resources.add(Objects.requireNonNull(value, "resource"));
            return this;
        }

        /** Any other parameter, such as {@code assertion} or {@code client_id}. */
        public Builder parameter(String name, String value) {
            parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The client's address (an IP literal), which a pass bound to networks checks; default unknown. */
        public Builder clientAddress(String value) {
            origin = origin.from(Objects.requireNonNull(value, "clientAddress"));
            return this;
        }

        public TokenRequest build() {
            return new TokenRequest(grantType, client, resources, parameters, origin);
        }
    }
}
