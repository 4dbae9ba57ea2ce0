package dev.sentinel.cli.serve;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code serve} prints after "listening on" for someone meeting Sentinel for the first time: where the dashboard
 * is, and the two commands that get an agent its first access token, runnable as printed (in another terminal, from
 * the directory serve was started in).
 */
final class NextSteps {

    /** What a shell takes literally without quotes. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private NextSteps() {
    }

    /**
     * @param base       the URL serve listens on
     * @param storeArguments the options that name serve's store for another command (none for the default store)
     */
    static List<String> lines(URI base, List<String> storeArguments) {
        String reachable = reachable(base);
        StringBuilder create = new StringBuilder("./sentinel pass create --project demo --name \"My Agent\" --type bot");
        for (String argument : storeArguments) {
            create.append(' ').append(quoted(argument));
        }
        return List.of(
                "Dashboard: " + reachable + "/ (sign in with the admin token)",
                "Next, in another terminal: create a pass with  " + create,
                "then get an access token with  curl -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials "
                        + reachable + "/oauth/token");
    }

    /** The base URL with a wildcard host (every interface) replaced by loopback, which a local browser can open. */
    static String reachable(URI base) {
        String text = base.toString();
        String host = base.getHost();
        if ("0.0.0.0".equals(host)) {
            return text.replaceFirst("//0\\.0\\.0\\.0", "//127.0.0.1");
        }
        if ("[::]".equals(host) || "::".equals(host) || "[0:0:0:0:0:0:0:0]".equals(host)) {
            return text.replaceFirst("//\\[[0:]+\\]", "//[::1]");
        }
        return text;
    }

    /** A shell word: as it is when safe, else in single quotes. */
    static String quoted(String word) {
        if (SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
