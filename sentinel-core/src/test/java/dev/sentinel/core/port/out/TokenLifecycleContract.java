package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.oauth.IssuedToken;
import dev.sentinel.core.application.oauth.TokenCaller;
import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.port.in.TokenRequest;
import dev.sentinel.core.fixtures.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token lifecycle table, for every store: after each change to a pass (or to the token), is a token issued before
 * it still active? Introspection and {@code TokenLiveness} — what the guard asks — must agree with the table.
 */
public abstract class TokenLifecycleContract extends StorageContractSupport {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    /** One row: what happens after the token was issued, and whether the token is active afterwards. */
    record Row(String change, BiConsumer<Fixture, IssuedToken> act, boolean active) {
        @Override
        public String toString() {
            return change + " → " + (active ? "active" : "inactive");
        }
    }

    /** The pass, its services and the clock. */
    protected record Fixture(Sentinel sentinel, TokenService tokens, MutableClock clock, CreatedPass created) {
        String clientId() {
            return created.credentials().clientId().value();
        }
    }

    private Fixture fixture;

    @BeforeEach
    void aPassWithTokens() {
        MutableClock clock = new MutableClock(START);
        Sentinel sentinel = Sentinel.builder().storage(storage()).clock(clock).build();
        TokenService tokens = sentinel.tokens(TokenSettings.builder("https://sentinel.test", new byte[32]).build()).start();
        fixture = new Fixture(sentinel, tokens, clock, sentinel.passes().create(TestServices.aCreateCommand()));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("nothing", (f, token) -> { }, true),
                row("toggle off", (f, token) -> f.sentinel().passes().toggle(passId(f)), false),
                row("toggle off, then on", (f, token) -> {
                    f.sentinel().passes().toggle(passId(f));
                    f.sentinel().passes().toggle(passId(f));
                }, false),
                row("revoke", (f, token) -> f.sentinel().passes().revoke(passId(f)), false),
                row("revoke, then activate", (f, token) -> {
                    f.sentinel().passes().revoke(passId(f));
                    f.sentinel().passes().activate(passId(f));
                }, false),
                row("regenerate without grace", (f, token) -> f.sentinel().passes().regenerate(passId(f), Duration.ZERO), false),
                row("regenerate with 1 h grace, inside it", (f, token) -> {
                    f.sentinel().passes().regenerate(passId(f), Duration.ofHours(1));
                    f.clock().advance(Duration.ofMinutes(10));
                }, true),
                row("regenerate with 5 min grace, after it", (f, token) -> {
                    f.sentinel().passes().regenerate(passId(f), Duration.ofMinutes(5));
                    f.clock().advance(Duration.ofMinutes(6));
                }, false),
                row("regenerate twice with grace (the first secret dropped)", (f, token) -> {
                    f.sentinel().passes().regenerate(passId(f), Duration.ofHours(1));
                    f.sentinel().passes().regenerate(passId(f), Duration.ofHours(1));
                }, false),
                row("delete", (f, token) -> f.sentinel().passes().delete(passId(f)), false),
                row("token revoked by its client", (f, token) ->
                        f.tokens().revoke(token.accessToken(), TokenCaller.client(f.sentinel().passes().get(passId(f)))), false),
                row("token revoked by the admin", (f, token) -> f.tokens().revoke(token.accessToken(), TokenCaller.admin()), false),
                row("token expired", (f, token) -> f.clock().advance(Duration.ofMinutes(15)), false),
                row("14 minutes pass", (f, token) -> f.clock().advance(Duration.ofMinutes(14)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aTokenIssuedBeforeTheChangeIsActiveOnlyWhereTheTableSays(Row row) {
        IssuedToken token = fixture.tokens().grant(TokenRequest.clientCredentials(fixture.clientId(),
                fixture.created().credentials().clientSecret().reveal()).build());

        row.act().accept(fixture, token);

        boolean introspected = fixture.tokens().introspect(token.accessToken(), TokenCaller.admin()).active();
        boolean live = fixture.tokens().checks().check(token.accessToken(), "https://sentinel.test", Optional.empty(),
                Duration.ZERO).allowed();
        assertThat(introspected).as("introspection").isEqualTo(row.active());
        assertThat(live).as("the guard's check").isEqualTo(row.active());
    }

    private static Arguments row(String change, BiConsumer<Fixture, IssuedToken> act, boolean active) {
        return Arguments.of(new Row(change, act, active));
    }

    private static dev.sentinel.core.domain.PassId passId(Fixture fixture) {
        return fixture.created().pass().passId();
    }
}
