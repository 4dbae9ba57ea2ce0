package dev.sentinel.core.application;

import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** No secret value appears in any toString, exception message or log line, across the whole lifecycle. */
class SecretsNeverLeakTest {

    @Test
    void noSecretInToStringExceptionsOrLogs() {
        List<String> seen = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        List<String> secrets = new ArrayList<>();
        try {
            Sentinel sentinel = Sentinel.builder().clock(MutableClock.at("2026-11-26T10:00:00Z")).build();
            CreatedPass created = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
                    .agentType("bot").build());
            PassId passId = created.pass().passId();
            IssuedCredentials rotated = sentinel.passes().regenerate(passId, Duration.ofMinutes(5));
            secrets.add(created.credentials().clientSecret().reveal());
            secrets.add(rotated.clientSecret().reveal());

            SentinelPass stored = sentinel.passes().get(passId);
            seen.add(created.toString());
            seen.add(created.credentials().toString());
            seen.add(rotated.toString());
            seen.add(rotated.clientSecret().toString());
            seen.add(stored.toString());
            seen.add(stored.agent().credentials().toString());
            seen.add(sentinel.authenticate(created.credentials().clientId().value(), secrets.get(0)).toString());
            String wrong = secrets.get(0).substring(0, 10) + "0" + secrets.get(0).substring(11);
            seen.add(sentinel.authenticate(created.credentials().clientId().value(), wrong).toString());
            seen.add(String.valueOf(ClientSecret.parse(wrong)));
            Throwable failure = catchThrowable(() -> sentinel.passes().regenerate(passId, Duration.ofDays(-1)));
            seen.add(failure.getMessage());
            Throwable parseFailure = catchThrowable(() -> dev.sentinel.core.domain.PassId.of(secrets.get(0)));
            seen.add(parseFailure.getMessage());
            sentinel.passes().delete(passId);
            seen.addAll(SentinelStorage.of(sentinel).read(s -> s.audit().recent(100)).stream().map(Object::toString).toList());
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            root.removeHandler(capture);
        }
        seen.add(console.toString(StandardCharsets.UTF_8));

        assertThat(secrets).hasSize(2).allSatisfy(secret -> assertThat(secret).startsWith("sps_"));
        for (String secret : secrets) {
            assertThat(seen).noneMatch(text -> text.contains(secret));
            assertThat(seen).noneMatch(text -> text.contains(secret.substring(4, 30)));
        }
    }
}
