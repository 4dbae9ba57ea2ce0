package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the built jar's {@code sentinel serve} while eight clients request tokens as fast as they can: the
 * process exits within 5 seconds, every HTTP reply is a token or a refusal in the OAuth error shape, and afterwards
 * the store holds a {@code token_generation} event for every token that was answered.
 */
class GracefulStopIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CLIENTS = 8;

    @TempDir
    Path work;

    @Test
    void aStopUnderLoadAnswersOrRefusesEveryRequestAndLosesNoAnsweredGrant() throws Exception {
        Path dataDir = work.resolve("data");
        JsonNode created = MAPPER.readTree(run("pass", "create", "--project", "stop", "--name", "Load Agent", "--type",
                "bot", "--data-dir", dataDir.toString()));
        String basic = "Basic " + Base64.getEncoder().encodeToString((created.at("/credentials/client_id").asText() + ":"
                + created.at("/credentials/client_secret").asText()).getBytes(StandardCharsets.UTF_8));
        int port = BuiltJar.freePort();
        Process server = start(dataDir, port);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger granted = new AtomicInteger();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        List<String> badReplies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest grant = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
                .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (loading.get()) {
                    try {
                        HttpResponse<String> reply = http.send(grant, HttpResponse.BodyHandlers.ofString());
                        if (reply.statusCode() == 200) {
                            granted.incrementAndGet();
                        } else if (oauthError(reply)) {
                            refusals.merge(reply.statusCode() + " " + error(reply), 1, Integer::sum);
                        } else {
                            badReplies.add(reply.statusCode() + " " + reply.headers().firstValue("Content-Type")
                                    .orElse("-") + " " + reply.body());
                        }
                    } catch (IOException refusedAtTheSocket) {
                        refusals.merge(refusedAtTheSocket.getClass().getSimpleName(), 1, Integer::sum);
                        sleepQuietly();
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(3_000);
        int grantedBeforeStop = granted.get();
        long stopAt = System.nanoTime();
        server.destroy(); // SIGTERM
        boolean exited = server.waitFor(15, TimeUnit.SECONDS);
        long stopMillis = (System.nanoTime() - stopAt) / 1_000_000;
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(work.resolve("serve.log"));
        System.out.printf("graceful stop: %d ms, %d grants answered, refusals %s%n", stopMillis, granted.get(), refusals);

        assertThat(exited).as("exited: " + log).isTrue();
        assertThat(stopMillis).as("stop took %d ms; log: %s", stopMillis, log).isLessThan(5_000);
        assertThat(server.exitValue()).as(log).isIn(0, 143);
        assertThat(grantedBeforeStop).as("the load was real").isGreaterThan(100);
        assertThat(badReplies).as("replies not in the OAuth shape").isEmpty();
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            PassId passId = new PassId(created.at("/pass/pass_id").asText());
            ActivityFilter grants = new ActivityFilter(passId, Optional.of(ActivityType.TOKEN_GENERATION),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            long stored = storage.read((StorageSession session) -> session.activity().count(grants));
            assertThat(stored).as("token_generation events stored for %d answered grants (refusals %s); log: %s",
                    granted.get(), refusals, log).isEqualTo(granted.get());
        }
    }

    private static boolean oauthError(HttpResponse<String> reply) {
        try {
            return reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    && MAPPER.readTree(reply.body()).hasNonNull("error");
        } catch (IOException notJson) {
            return false;
        }
    }

    private static String error(HttpResponse<String> reply) {
        try {
            return MAPPER.readTree(reply.body()).path("error").asText();
        } catch (IOException notJson) {
            return "?";
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Process start(Path dataDir, int port) throws Exception {
        Path log = work.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(BuiltJar.java(), "-jar", BuiltJar.jar(), "serve", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("listening on ")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("serve did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
