package dev.sentinel.core.domain;

/** What kind of software uses a pass. Defaults to {@link #AUTOMATION_TOOL}. */
public enum UsageType implements Coded {
    AI_ASSISTANT("ai_assistant"),
    AUTOMATION_TOOL("automation_tool"),
    INTEGRATION_SERVICE("integration_service"),
    MCP_SERVER("mcp_server"),
    API_CLIENT("api_client"),
    DATA_PROCESSOR("data_processor"),
    MONITORING_SYSTEM("monitoring_system"),
    OTHER("other");

    /** The name of the input field that carries this value. */
    public static final String FIELD = "usage_type";

    private final String code;

    UsageType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** Parses a code case-insensitively; an unknown code is a {@link ValidationException} listing the allowed ones. */
    public static UsageType parse(String raw) {
        return Coded.parse(UsageType.class, FIELD, raw);
    }
}
