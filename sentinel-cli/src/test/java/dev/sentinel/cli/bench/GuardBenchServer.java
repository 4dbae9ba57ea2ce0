package dev.sentinel.cli.bench;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.http.SentinelServer;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import dev.sentinel.http.guard.SentinelGuard;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For {@code bench/guard.sh}: a Sentinel server on an H2 data directory, and a separate Javalin application in the
 * same process with the same trivial route twice, {@code /open/ping} unprotected and {@code /v1/ping} behind the
 * guard (which verifies the token, checks the pass and records every request). Prints {@code APP_PORT=…} and
 * {@code TOKEN=…}, then runs until killed and prints the activity counters on the way out.
 */
public final class GuardBenchServer {

    private GuardBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sentinel-guard-bench");
        JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir));
        Sentinel sentinel = Sentinel.builder().storage(storage).build();
        NodeSettings settings = NodeSettings.builder().port(0).tokenLifetime(java.time.Duration.ofHours(1))
                .adminToken("bench-admin-token-0123456789abcdef").build();
        SentinelNode.Builder node = SentinelNode.builder(sentinel, settings).throttleBuckets(Bucket4jThrottleBuckets.create());
        java.util.concurrent.atomic.LongAdder discarded = new java.util.concurrent.atomic.LongAdder();
        if (args.length > 1 && args[1].equals("discard")) {
            node.activityRecorder(event -> discarded.increment()); // isolates the guard's own cost from storage writes
        }
        SentinelServer server = SentinelServer.of(node.build()).start();
        CreatedPass pass = sentinel.passes().create(CreatePassCommand.builder("bench").agentName("Bench Agent")
                .agentType("benchmark").build());
        SentinelGuard guard = SentinelGuard.of(server.tokenGuard());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            guard.protect(config.routes, "/v1/*");
            config.routes.get("/v1/ping", ctx -> ctx.result("pong"));
            config.routes.get("/open/ping", ctx -> ctx.result("pong"));
        }).start("127.0.0.1", 0);
        System.out.println("APP_PORT=" + app.port());
        System.out.println("TOKEN=" + token(server, pass));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            server.close();
            server.node().activityStats().ifPresent(stats -> System.out.println("ACTIVITY " + stats));
            if (discarded.sum() > 0) {
                System.out.println("ACTIVITY discarded=" + discarded.sum());
            }
            storage.close();
        }));
        Thread.currentThread().join();
    }

    private static String token(SentinelServer server, CreatedPass pass) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + pass.credentials().clientId().value()
                + "&client_secret=" + URLEncoder.encode(pass.credentials().clientSecret().reveal(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(server.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no token: HTTP " + response.statusCode());
        }
        return token.group(1);
    }
}
