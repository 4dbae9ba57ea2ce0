package dev.sentinel.http.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A week of plausible API requests of one pass, as batches for {@code POST /api/v1/activity}: a daily rhythm,
 * three endpoints, latencies well under 200 ms and one failure in twelve, all before the current minute. Seeded, so
 * every run (and every screenshot) has the same shape.
 */
final class ActivitySeed {

    private static final String[] ENDPOINTS = {"/v1/invoices", "/v1/invoices/{id}", "/v1/ledger/entries"};
    private static final int BATCH = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivitySeed() {
    }

    static List<String> week(String passId) {
        Random random = new Random(7);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int hoursAgo = 7 * 24 - 1; hoursAgo >= 1; hoursAgo--) {
            Instant hour = now.minus(hoursAgo, ChronoUnit.HOURS);
            int hourOfDay = hour.atZone(ZoneOffset.UTC).getHour();
            int count = (int) Math.round(1 + 2.5 * (1 + Math.sin((hourOfDay - 8) * Math.PI / 12)) + random.nextInt(2));
            for (int i = 0; i < count; i++) {
                events.add(event(passId, hour.plusSeconds(random.nextInt(3000)), events.size() % 12 == 5, random));
            }
        }
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += BATCH) {
            batches.add(json(events.subList(from, Math.min(from + BATCH, events.size()))));
        }
        return batches;
    }

    private static String json(List<Map<String, Object>> batch) {
        try {
            return JSON.writeValueAsString(batch);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * One request; every twelfth fails, so that any day of the week has an error rate above 5 % whatever the hour the
     * test runs at (drawn at random, the last 24 hours fell under 5 % at some hours of the day).
     */
    private static Map<String, Object> event(String passId, Instant startedAt, boolean failed, Random random) {
        boolean success = !failed;
        int status = success ? (random.nextInt(5) == 0 ? 201 : 200) : (random.nextBoolean() ? 403 : 502);
        String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("pass_id", passId);
        event.put("type", "api_request");
        event.put("started_at", startedAt.toString());
        event.put("endpoint", endpoint);
        event.put("http_method", endpoint.endsWith("entries") ? "POST" : "GET");
        event.put("success", success);
        event.put("status_code", status);
        event.put("duration_ms", 35 + random.nextInt(110) + (success ? 0 : 60));
        event.put("client_ip", "10.0.4." + (10 + random.nextInt(5)));
        event.put("user_agent", "invoice-bot/2.3");
        event.put("error_message", success ? null : status == 403 ? "scope write:ledger required" : "upstream timeout");
        event.put("metadata", Map.of("region", "eu-west-1"));
        return event;
    }
}
