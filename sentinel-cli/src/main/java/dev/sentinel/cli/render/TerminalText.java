package dev.sentinel.cli.render;

/**
 * Text from the store made safe to print on a terminal: ingested endpoints, user agents and error messages are
 * anyone's, and control characters in them could retitle, clear or rewrite the operator's screen. Tabs and line breaks
 * become spaces; other C0 and C1 controls (ESC, BEL, CSI U+009B, …), DEL and the bidirectional overrides and isolates
 * are dropped.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String safe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == '\t' || c == '\n' || c == '\r';
            boolean drop = !space && (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e
                    || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f || c == 0x061c);
            if ((space || drop) && safe == null) {
                safe = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (safe != null && !drop) {
                safe.append(space ? ' ' : c);
            }
        }
        return safe == null ? text : safe.toString();
    }
}
