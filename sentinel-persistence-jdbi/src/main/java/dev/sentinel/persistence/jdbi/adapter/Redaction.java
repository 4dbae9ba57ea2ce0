package dev.sentinel.persistence.jdbi.adapter;

/** Keeps connection secrets out of messages. */
public final class Redaction {

    private Redaction() {
    }

    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("//[^/@?;\\s]*@");
    private static final java.util.regex.Pattern PASSWORD_OPTION =
            java.util.regex.Pattern.compile("(?i)(password)=[^&;\\s]*");

    /**
     * The URL without query string or H2 options, which may carry a password, and without the {@code user:password@}
     * of a URL such as {@code postgres://user:password@host/db}.
     */
    public static String url(String jdbcUrl) {
        int cut = jdbcUrl.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = jdbcUrl.indexOf(separator);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return USER_INFO.matcher(jdbcUrl.substring(0, cut)).replaceFirst("//***@");
    }

    /**
     * The first line of the most telling cause's message (the deepest SQL exception's, else the deepest cause's):
     * what went wrong, without a stack trace wall, and without any password a driver echoed from the URL.
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        Throwable deepestSql = failure instanceof java.sql.SQLException ? failure : null;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof java.sql.SQLException) {
                deepestSql = root;
            }
        }
        root = deepestSql != null ? deepestSql : root;
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String line = message.strip().lines().findFirst().orElse(message).strip();
        line = USER_INFO.matcher(PASSWORD_OPTION.matcher(line).replaceAll("$1=***")).replaceAll("//***@");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
