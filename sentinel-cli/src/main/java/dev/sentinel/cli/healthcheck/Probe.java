package dev.sentinel.cli.healthcheck;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Where the health check asks: the {@code --url} given, or the address {@code serve} listens on by the env. */
final class Probe {

    static final String READY_PATH = "/readyz";
    private static final String EXAMPLE = "http://127.0.0.1:8080";
    /** Hosts that mean "every interface" to serve: a probe on this machine reaches them over loopback. */
    private static final Set<String> EVERY_INTERFACE = Set.of("", "0.0.0.0", "::", "[::]");

    private Probe() {
    }

    /**
     * The readiness URL of the server {@code serve} would start with this environment: {@code SENTINEL_PORT}
     * (default 8080) on 127.0.0.1, or on {@code SENTINEL_HOST} when it names one address, over HTTPS when
     * {@code SENTINEL_TLS_CERT} is set.
     */
    static URI defaultTarget(Map<String, String> environment) {
        String host = environment.getOrDefault("SENTINEL_HOST", "").strip();
        if (EVERY_INTERFACE.contains(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String port = environment.getOrDefault("SENTINEL_PORT", "").strip();
        String scheme = environment.getOrDefault("SENTINEL_TLS_CERT", "").isBlank() ? "http" : "https";
        return URI.create(scheme + "://" + host + ":" + (port.isEmpty() ? "8080" : port) + READY_PATH);
    }

    /** The URL given with {@code --url}: {@code /readyz} of a base URL, any other path as it is. */
    static URI target(String url, CommandLine command) {
        URI parsed;
        try {
            parsed = new URI(url.strip());
        } catch (URISyntaxException malformed) {
            throw new ParameterException(command, "--url '" + url + "' is not a URL (" + malformed.getReason()
                    + "): give an http:// or https:// URL with a host, e.g. " + EXAMPLE);
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            throw new ParameterException(command, "--url '" + url
                    + "' must be an http:// or https:// URL with a host, e.g. " + EXAMPLE);
        }
        String path = parsed.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? parsed.resolve(READY_PATH) : parsed;
    }

    /** The port a request to the URL goes to. */
    static int port(URI target) {
        if (target.getPort() != -1) {
            return target.getPort();
        }
        return "https".equals(target.getScheme()) ? 443 : 80;
    }
}
