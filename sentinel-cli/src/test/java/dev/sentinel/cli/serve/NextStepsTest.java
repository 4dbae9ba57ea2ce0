package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextStepsTest {

    private static final List<String> STORE = List.of("--data-dir", "/srv/sentinel-data");

    @Test
    void namesTheDashboardThenAPassCreateToEvalAndACurlOfItsVariables() {
        List<String> lines = NextSteps.lines(URI.create("http://127.0.0.1:8080"), List.of("/opt/sentinel/bin/sentinel"),
                STORE, Optional.empty());

        assertThat(lines).containsExactly(
                "Dashboard: http://127.0.0.1:8080/",
                "Next, in another terminal: create a pass, then get an access token with its credentials:",
                "  eval \"$(/opt/sentinel/bin/sentinel pass create --project demo --name 'My Agent' --type bot"
                        + " --format env --data-dir /srv/sentinel-data)\"",
                "  curl -u \"$SENTINEL_CLIENT_ID:$SENTINEL_CLIENT_SECRET\" -d grant_type=client_credentials "
                        + "http://127.0.0.1:8080/oauth/token");
    }

    @Test
    void withTlsCurlTrustsTheServersCertificateFile() {
        List<String> lines = NextSteps.lines(URI.create("https://127.0.0.1:8443"), List.of("sentinel"), STORE,
                Optional.of(Path.of("/etc/sentinel/tls/my cert.pem")));

        assertThat(lines.get(3)).isEqualTo("  curl --cacert '/etc/sentinel/tls/my cert.pem' -u "
                + "\"$SENTINEL_CLIENT_ID:$SENTINEL_CLIENT_SECRET\" -d grant_type=client_credentials "
                + "https://127.0.0.1:8443/oauth/token");
    }

    @Test
    void aWildcardHostIsShownAsLoopbackWhichALocalBrowserCanOpen() {
        assertThat(NextSteps.reachable(URI.create("http://0.0.0.0:8080"))).isEqualTo("http://127.0.0.1:8080");
        assertThat(NextSteps.reachable(URI.create("https://[::]:8443"))).isEqualTo("https://[::1]:8443");
        assertThat(NextSteps.reachable(URI.create("https://10.0.0.5:8443"))).isEqualTo("https://10.0.0.5:8443");
    }

    @Test
    void theCommandAndTheStoreAreQuotedForTheShell() {
        List<String> lines = NextSteps.lines(URI.create("http://127.0.0.1:9000"),
                List.of("/usr/lib/jvm/java 17/bin/java", "-jar", "/opt/it's/sentinel.jar"),
                List.of("--data-dir", "/srv/my data/it's"), Optional.empty());

        assertThat(lines.get(2)).isEqualTo("  eval \"$('/usr/lib/jvm/java 17/bin/java' -jar '/opt/it'\\''s/sentinel.jar'"
                + " pass create --project demo --name 'My Agent' --type bot --format env"
                + " --data-dir '/srv/my data/it'\\''s')\"");
        assertThat(NextSteps.quoted("/var/lib/sentinel")).isEqualTo("/var/lib/sentinel");
    }

    @Test
    void withoutALauncherTheCommandIsThisJvmsJavaRunningTheJar() {
        String before = System.clearProperty(NextSteps.LAUNCHER_PROPERTY);
        try {
            List<String> command = NextSteps.sentinelCommand();

            assertThat(command).hasSize(3);
            assertThat(command.get(0)).endsWith("java");
            assertThat(command.get(1)).isEqualTo("-jar");
            System.setProperty(NextSteps.LAUNCHER_PROPERTY, "/home/me/sentinel/sentinel");
            assertThat(NextSteps.sentinelCommand()).containsExactly("/home/me/sentinel/sentinel");
        } finally {
            if (before == null) {
                System.clearProperty(NextSteps.LAUNCHER_PROPERTY);
            } else {
                System.setProperty(NextSteps.LAUNCHER_PROPERTY, before);
            }
        }
    }
}
