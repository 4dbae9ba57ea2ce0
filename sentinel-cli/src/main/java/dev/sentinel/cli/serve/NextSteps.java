package dev.sentinel.cli.serve;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code serve} prints after "listening on" for someone meeting Sentinel for the first time: where the dashboard
 * is, and two shell lines that get an agent its first access token, runnable as printed in another terminal, from any
 * directory: a {@code pass create … --format env} to {@code eval}, naming serve's store and the command that started
 * serve, then a {@code curl} of the token endpoint with the two variables it set (and {@code --cacert} with TLS).
 */
final class NextSteps {

    /** The launcher scripts set this to the path they were run by, so that the printed command is the same one. */
    static final String LAUNCHER_PROPERTY = "sentinel.launcher";
    /** What a shell takes literally without quotes. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private NextSteps() {
    }

    /**
     * @param base           the URL serve listens on
     * @param sentinel       the command that runs {@code sentinel}, as words ({@link #sentinelCommand()})
     * @param storeArguments the options that name serve's store for another command
     * @param caCertificate  with TLS, the certificate file curl is to trust
     */
    static List<String> lines(URI base, List<String> sentinel, List<String> storeArguments,
                              Optional<Path> caCertificate) {
        String reachable = reachable(base);
        List<String> create = new ArrayList<>(sentinel);
        create.addAll(List.of("pass", "create", "--project", "demo", "--name", "My Agent", "--type", "bot",
                "--format", "env"));
        create.addAll(storeArguments);
        String cacert = caCertificate.map(file -> "--cacert " + quoted(file.toAbsolutePath().normalize().toString())
                + " ").orElse("");
        return List.of(
                "Dashboard: " + reachable + "/",
                "Next, in another terminal: create a pass, then get an access token with its credentials:",
                "  eval \"$(" + words(create) + ")\"",
                "  curl " + cacert + "-u \"$SENTINEL_CLIENT_ID:$SENTINEL_CLIENT_SECRET\" -d grant_type=client_credentials "
                        + reachable + "/oauth/token");
    }

    /**
     * The command that started this process, for a shell: the launcher script as it was run (when it says so in
     * {@value #LAUNCHER_PROPERTY}), else {@code java -jar} with this JVM's {@code java} and the jar's absolute path.
     */
    static List<String> sentinelCommand() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return List.of(launcher);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-jar", jar().map(Path::toString).orElse("sentinel.jar"));
    }

    private static Optional<Path> jar() {
        try {
            Path location = Path.of(NextSteps.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | RuntimeException unknown) {
            return Optional.empty();
        }
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

    private static String words(List<String> words) {
        return words.stream().map(NextSteps::quoted).collect(Collectors.joining(" "));
    }

    /** A shell word: as it is when safe, else in single quotes. */
    static String quoted(String word) {
        if (SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
