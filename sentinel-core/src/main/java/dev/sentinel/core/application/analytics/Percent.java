package dev.sentinel.core.application.analytics;

/** Percentages and averages rounded to two decimals, as shown. */
final class Percent {

    private Percent() {
    }

    static double of(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole);
    }

    static double average(long sum, long count) {
        return count == 0 ? 0 : round((double) sum / count);
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
