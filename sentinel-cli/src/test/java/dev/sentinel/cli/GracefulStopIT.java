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
 * SIGTERM to the built jar's {@code sentinel serve}, on H2 and on PostgreSQL, while eight clients request tokens as
 * fast as they can and one posts ingest batches: the process exits within 5 seconds, every HTTP reply is a token, an
 * acknowledged batch or a refusal in the endpoint's error shape, and afterwards the store holds a
 * {@code token_generation} event for every token that was answered and every event of every acknowledged batch.
 */
class GracefulStopIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CLIENTS = 8;

    @TempDir
    Path work;

    private static final String ADMIN = "graceful-stop-admin-token-0123456789";
    private List<String> store = List.of();
    private Map<String, String> storeEnv = Map.of();

    @Test
    void aStopUnderLoadOnH2LosesNoAnsweredGrantOrAcknowledgedBatch() throws Exception {
        Path dataDir = work.resolve("data");
        store = List.of("--data-dir", dataDir.toString());
        stopUnderLoad(() -> JdbiStorage.openExisting(DatabaseConfig.h2(dataDir)));
    }

    @Test
    void aStopUnderLoadOnPostgresLosesNoAnsweredGrantOrAcknowledgedBatch() throws Exception {
        try (TestPostgres postgres = TestPostgres.freshSchema("the graceful stop on PostgreSQL")) {
            store = List.of("--data-dir", work.resolve("keys").toString());
            storeEnv = Map.of("SENTINEL_DB_URL", postgres.url(), "SENTINEL_DB_USER", postgres.user,
                    "SENTINEL_DB_PASSWORD", postgres.password);
            stopUnderLoad(() -> JdbiStorage.openExisting(DatabaseConfig.postgres(postgres.url(), postgres.user,
                    postgres.password)));
        }
    }

    private void stopUnderLoad(java.util.function.Supplier<JdbiStorage> reopen) throws Exception {
        List<String> create = new ArrayList<>(List.of("pass", "create", "--project", "stop", "--name", "Load Agent",
                "--type", "bot"));
        create.addAll(store);
        JsonNode created = MAPPER.readTree(run(create.toArray(String[]::new)));
        String passId = created.at("/pass/pass_id").asText();
        String basic = "Basic " + Base64.getEncoder().encodeToString((created.at("/credentials/client_id").asText() + ":"
                + created.at("/credentials/client_secret").asText()).getBytes(StandardCharsets.UTF_8));
        int port = BuiltJar.freePort();
        Process server = start(port);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger granted = new AtomicInteger();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        List<String> badReplies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
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
        AtomicInteger acknowledged = new AtomicInteger();
        HttpClient ingestHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        clients.submit(() -> {
            int batch = 0;
            while (loading.get()) {
                StringBuilder events = new StringBuilder("[");
                for (int i = 0; i < 50; i++) {
                    events.append(i == 0 ? "" : ",").append("{\"pass_id\":\"").append(passId).append("\",\"type\":")
                            .append("\"api_request\",\"started_at\":\"").append(java.time.Instant.now())
                            .append("\",\"endpoint\":\"/v1/batch/").append(batch).append("\",\"http_method\":\"GET\",")
                            .append("\"success\":true,\"status_code\":200,\"duration_ms\":3}");
                }
                events.append("]");
                batch++;
                try {
                    HttpResponse<String> reply = ingestHttp.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/activity"))
                            .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(events.toString()))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (reply.statusCode() == 200) {
                        acknowledged.addAndGet(MAPPER.readTree(reply.body()).path("accepted").asInt());
                    } else if (!reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        badReplies.add("ingest " + reply.statusCode() + " " + reply.body());
                    }
                } catch (IOException refusedAtTheSocket) {
                    sleepQuietly();
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
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
        assertThat(log).as("a stop closes the store on purpose: no outage warning")
                .doesNotContain("store is unavailable");
        assertThat(grantedBeforeStop).as("the load was real").isGreaterThan(100);
        assertThat(badReplies).as("replies not in the OAuth shape").isEmpty();
        try (JdbiStorage storage = reopen.get()) {
            ActivityFilter grants = new ActivityFilter(new PassId(passId), Optional.of(ActivityType.TOKEN_GENERATION),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            ActivityFilter ingested = new ActivityFilter(new PassId(passId), Optional.of(ActivityType.API_REQUEST),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            long stored = storage.read((StorageSession session) -> session.activity().count(grants));
            assertThat(stored).as("token_generation events stored for %d answered grants (refusals %s); log: %s",
                    granted.get(), refusals, log).isEqualTo(granted.get());
            assertThat(acknowledged.get()).as("the ingest load was real").isPositive();
            assertThat(storage.read((StorageSession session) -> session.activity().count(ingested)))
                    .as("events of acknowledged ingest batches").isEqualTo(acknowledged.get());
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

    private Process start(int port) throws Exception {
        Path log = work.resolve("serve.log");
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(), "-jar", BuiltJar.jar(), "serve", "--port",
                Integer.toString(port)));
        command.addAll(store);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_"));
        builder.environment().putAll(storeEnv);
        builder.environment().put("SENTINEL_ADMIN_TOKEN", ADMIN);
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
        builder.environment().putAll(storeEnv);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
