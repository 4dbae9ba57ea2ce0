package dev.sentinel.cli;

/** Helpers for messages shown to users. */
final class Messages {

    private Messages() {
    }

    /** Folds a message onto one line. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unexpected error";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
