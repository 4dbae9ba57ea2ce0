package dev.sentinel.cli.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ProbeTest {

    private final CommandLine command = new CommandLine(new HealthcheckCommand());

    @Test
    void asksServesAddressOverLoopbackWhenItListensOnEveryInterface() {
        assertThat(Probe.defaultTarget(Map.of())).isEqualTo(URI.create("http://127.0.0.1:8080/readyz"));
        assertThat(Probe.defaultTarget(Map.of("SENTINEL_HOST", "0.0.0.0", "SENTINEL_PORT", "9000")))
                .isEqualTo(URI.create("http://127.0.0.1:9000/readyz"));
        assertThat(Probe.defaultTarget(Map.of("SENTINEL_HOST", "::"))).isEqualTo(URI.create("http://127.0.0.1:8080/readyz"));
    }

    @Test
    void asksTheOneAddressServeListensOnOverHttpsWhenItHasACertificate() {
        assertThat(Probe.defaultTarget(Map.of("SENTINEL_HOST", "10.1.2.3", "SENTINEL_TLS_CERT", "/tls/cert.pem")))
                .isEqualTo(URI.create("https://10.1.2.3:8080/readyz"));
        assertThat(Probe.defaultTarget(Map.of("SENTINEL_HOST", "2001:db8::1", "SENTINEL_PORT", "8443")))
                .isEqualTo(URI.create("http://[2001:db8::1]:8443/readyz"));
        assertThat(Probe.defaultTarget(Map.of("SENTINEL_TLS_CERT", " "))).hasScheme("http");
    }

    @Test
    void aBaseUrlGetsReadyzAndAnyOtherPathIsKept() {
        assertThat(Probe.target("http://sentinel:8080", command)).isEqualTo(URI.create("http://sentinel:8080/readyz"));
        assertThat(Probe.target("https://sentinel/", command)).isEqualTo(URI.create("https://sentinel/readyz"));
        assertThat(Probe.target("http://127.0.0.1:8080/healthz", command))
                .isEqualTo(URI.create("http://127.0.0.1:8080/healthz"));
        assertThat(Probe.port(URI.create("https://sentinel/readyz"))).isEqualTo(443);
    }

    @Test
    void refusesWhatIsNoHttpUrl() {
        assertThatThrownBy(() -> Probe.target("localhost:8080", command)).isInstanceOf(ParameterException.class)
                .hasMessage("--url 'localhost:8080' must be an http:// or https:// URL with a host, "
                        + "e.g. http://127.0.0.1:8080");
        assertThatThrownBy(() -> Probe.target("http://bad host", command)).isInstanceOf(ParameterException.class)
                .hasMessage("--url 'http://bad host' is not a URL (Illegal character in authority): give an "
                        + "http:// or https:// URL with a host, e.g. http://127.0.0.1:8080");
    }
}
