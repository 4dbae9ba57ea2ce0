package dev.sentinel.core.domain;

/** Who may see a pass in listings. Defaults to {@link #PRIVATELY_VISIBLE}. */
public enum Visibility implements Coded {
    PRIVATELY_VISIBLE("privately_visible"),
    PROJECT_VISIBLE("project_visible"),
    ORGANIZATION_VISIBLE("organization_visible");

    /** The name of the input field that carries this value. */
    public static final String FIELD = "visibility";

    private final String code;

    Visibility(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** Parses a code case-insensitively; an unknown code is a {@link ValidationException} listing the allowed ones. */
    public static Visibility parse(String raw) {
        return Coded.parse(Visibility.class, FIELD, raw);
    }
}
