package dev.sentinel.cli;

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
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sentinel} as a process, through the launcher script or as {@code java -jar} of the built jar, in a work
 * directory and without the caller's {@code SENTINEL_*} variables; servers it starts are stopped by {@link #close()}.
 */
final class SentinelProcesses implements AutoCloseable {

    /** How the command is started. */
    enum Via { LAUNCHER, JAR }

    /** The outcome of a command that ran to its end. */
    record Finished(int exitCode, String out, String err) {
    }

    private static final Path LAUNCHER = Path.of(System.getProperty("sentinel.launcher", "../sentinel"));

    private final Path work;
    private final Via via;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> servers = new ArrayList<>();

    SentinelProcesses(Path work, Via via) {
        this.work = work;
        this.via = via;
    }

    /** The command line, ready to start, with {@code SENTINEL_*} cleared but for {@code SENTINEL_JAR}. */
    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(via == Via.LAUNCHER
                ? List.of(LAUNCHER.toAbsolutePath().normalize().toString())
                : List.of(BuiltJar.java(), "-jar", BuiltJar.jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTINEL_") && !name.equals("SENTINEL_JAR"));
        return builder;
    }

    /** Runs a command to its end (at most 120 s). */
    Finished run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sentinel " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code sentinel serve} on a free loopback port with the given environment and further options, and waits
     * (at most 60 s) until it has announced itself; returns its base URL.
     */
    URI serve(Map<String, String> environment, String... options) throws IOException, InterruptedException {
        int port = BuiltJar.freePort();
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
        args.addAll(List.of(options));
        Path out = Files.createTempFile(work, "serve", ".out");
        Path err = Files.createTempFile(work, "serve", ".err");
        ProcessBuilder serve = command(args.toArray(String[]::new));
        serve.environment().putAll(environment);
        Process server = serve.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        servers.add(server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains("Press Ctrl-C to stop.")) {
                return URI.create("http://127.0.0.1:" + port);
            }
            if (!server.isAlive()) {
                throw new AssertionError("serve exited with " + server.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start within 60 s: " + Files.readString(err));
    }

    /** A client credentials grant with {@code client_secret_basic}. */
    HttpResponse<String> grant(URI base, String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(base.resolve("/oauth/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    /** Stops every server this started. */
    @Override
    public void close() throws InterruptedException {
        for (Process server : servers) {
            if (server.isAlive()) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
