package dev.sentinel.http.sso;

import io.javalin.http.Context;

/**
 * The pages a person sees when a single sign-on does not end in the dashboard: a title, what happened in plain words,
 * and a way back. Plain HTML, every text escaped, nothing that runs.
 */
final class SignInPages {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";

    private SignInPages() {
    }

    static void show(Context ctx, int status, String title, String message) {
        ctx.status(status);
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - Sentinel</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;"
                + "line-height:1.5}</style></head>\n<body><main><h1>" + escape(title) + "</h1><p>" + escape(message)
                + "</p><p><a href=\"/\">Back to the sign-in page</a></p></main></body></html>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
