package dev.sentinel.core.application.analytics;

import dev.sentinel.core.domain.Coded;

/** The colour of an average latency: green below 200 ms, yellow 200–500 ms, red above 500 ms. */
public enum LatencyClass implements Coded {
    GREEN("green"),
    YELLOW("yellow"),
    RED("red");

    private final String code;

    LatencyClass(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static LatencyClass of(double averageMs) {
        if (averageMs < 200) {
            return GREEN;
        }
        return averageMs <= 500 ? YELLOW : RED;
    }
}
