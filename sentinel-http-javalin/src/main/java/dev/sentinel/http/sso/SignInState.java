package dev.sentinel.http.sso;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sign-in needs between the redirect to the provider and the callback: the {@code state}, the {@code nonce} and
 * the PKCE code verifier, and when it began. It travels in a short-lived cookie sealed by the node (AES-GCM under a key
 * derived from the key-encryption key), so any node finishes a sign-in another one began, and the browser can neither
 * read nor change it.
 */
record SignInState(State state, Nonce nonce, CodeVerifier verifier, Instant started) {

    SignInState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(started, "started");
    }

    static SignInState fresh(Instant now) {
        return new SignInState(new State(), new Nonce(), new CodeVerifier(), now);
    }

    byte[] bytes() {
        return (state.getValue() + " " + nonce.getValue() + " " + verifier.getValue() + " " + started.getEpochSecond())
                .getBytes(StandardCharsets.US_ASCII);
    }

    static Optional<SignInState> parse(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.US_ASCII).split(" ");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SignInState(new State(parts[0]), new Nonce(parts[1]), new CodeVerifier(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
