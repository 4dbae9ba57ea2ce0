package dev.sentinel.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextStepsTest {

    @Test
    void namesTheDashboardAndTheTwoCommandsThatGetAFirstToken() {
        List<String> lines = NextSteps.lines(URI.create("http://127.0.0.1:8080"), List.of());

        assertThat(lines).containsExactly(
                "Dashboard: http://127.0.0.1:8080/ (sign in with the admin token)",
                "Next, in another terminal: create a pass with  ./sentinel pass create --project demo --name \"My Agent\""
                        + " --type bot",
                "then get an access token with  curl -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials "
                        + "http://127.0.0.1:8080/oauth/token");
    }

    @Test
    void aWildcardHostIsShownAsLoopbackWhichALocalBrowserCanOpen() {
        assertThat(NextSteps.reachable(URI.create("http://0.0.0.0:8080"))).isEqualTo("http://127.0.0.1:8080");
        assertThat(NextSteps.reachable(URI.create("https://[::]:8443"))).isEqualTo("https://[::1]:8443");
        assertThat(NextSteps.reachable(URI.create("https://10.0.0.5:8443"))).isEqualTo("https://10.0.0.5:8443");
    }

    @Test
    void theStoreOfServeIsNamedSoThatThePassLandsWhereServeLooks() {
        List<String> lines = NextSteps.lines(URI.create("http://127.0.0.1:9000"),
                List.of("--data-dir", "/srv/my data/it's"));

        assertThat(lines.get(1)).endsWith("--type bot --data-dir '/srv/my data/it'\\''s'");
        assertThat(NextSteps.quoted("/var/lib/sentinel")).isEqualTo("/var/lib/sentinel");
    }
}
