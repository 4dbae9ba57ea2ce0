package dev.sentinel.cli.healthcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.cli.options.DurationConverter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel healthcheck}: asks a running server's {@code /readyz} and exits 0 when it is ready, 1 when it is not
 * or cannot be reached. For container health checks and Kubernetes exec probes, in images without curl; it opens no
 * store.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask a running server whether it is ready (GET /readyz).",
            "Exit code 0 when it answers 200 ready, 1 when it answers otherwise or cannot",
            "be reached in time. Without --url it asks the server that serve starts with",
            "the same env variables: SENTINEL_PORT on this machine (on SENTINEL_HOST when",
            "that is one address, not all), over HTTPS when SENTINEL_TLS_CERT is set.",
            ""})
public final class HealthcheckCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "What to ask: a server's base URL (/readyz is added) or a full URL such as "
                    + "http://127.0.0.1:8080/healthz. Default: http://127.0.0.1:8080/readyz as described above.")
    String url;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust only the PEM certificates in FILE for HTTPS (a private CA or a self-signed "
                    + "certificate); the URL's host must match the certificate. Default: the server's own "
                    + "SENTINEL_TLS_CERT when that is set, else the JDK's trusted CAs.")
    Path cacert;

    @Option(names = "--insecure",
            description = "Accept any HTTPS certificate (the probe sends nothing secret and reads only readiness).")
    boolean insecure;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "How long to wait for the answer, connection included. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        Map<String, String> environment = System.getenv();
        URI target = url == null ? Probe.defaultTarget(environment) : Probe.target(url, spec.commandLine());
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(target.getScheme())) {
            client.sslContext(ProbeTrust.choose(cacert, insecure, environment).sslContext());
        }
        HttpResponse<String> answer = ask(client.build(), target);
        String status = status(answer.body());
        if (answer.statusCode() != 200 || !"ready".equals(status)) {
            throw new CommandFailedException("not ready: " + target + " answered " + answer.statusCode()
                    + (status == null ? "" : " (" + status + ")"));
        }
        spec.commandLine().getOut().println("ready: " + target + " answered 200");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void checkOptions() {
        if (insecure && cacert != null) {
            throw new ParameterException(spec.commandLine(), "--insecure and --cacert exclude each other: give one");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0 (got " + timeout + ")");
        }
    }

    private HttpResponse<String> ask(HttpClient client, URI target) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException late) {
            throw new CommandFailedException("not ready: no answer from " + target + " within " + timeout.toMillis()
                    + " ms");
        } catch (ConnectException refused) {
            // the JDK's client reports a refused connection and an unknown host as ConnectExceptions without a message
            String reason = causedBy(refused, UnresolvedAddressException.class) ? "unknown host"
                    : refused.getMessage() == null || refused.getMessage().isBlank() ? "connection refused"
                    : refused.getMessage();
            throw new CommandFailedException("not ready: cannot connect to " + target.getHost() + ":"
                    + Probe.port(target) + " (" + reason + ")");
        } catch (SSLException handshake) {
            throw new CommandFailedException("not ready: the TLS handshake with " + target.getHost() + ":"
                    + Probe.port(target) + " failed: " + describe(handshake), handshake);
        } catch (IOException failed) {
            throw new CommandFailedException("not ready: asking " + target + " failed: " + describe(failed), failed);
        }
    }

    /** The reply's {@code status} member, or null when the body is no such JSON. */
    private static String status(String body) {
        try {
            JsonNode status = MAPPER.readTree(body).path("status");
            return status.isTextual() ? status.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The first message along the causes: the JDK wraps "Connection refused" in exceptions of its own. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null || cause.getMessage().isBlank()) {
            if (cause.getCause() == null || cause.getCause() == cause) {
                return cause.getClass().getSimpleName();
            }
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
