package dev.sentinel.core.application.webhook;

import dev.sentinel.core.domain.ProjectId;
import java.util.Map;

/**
 * Where events for a project's webhooks go: each published event is enqueued once per matching webhook, once per
 * {@code eventId} however many nodes publish it. Implementations are thread-safe.
 */
public interface WebhookEvents {

    /** Publishes the event {@code type} (e.g. {@code pass.expiring}) with its {@code data} to the project's webhooks. */
    void publish(ProjectId project, String type, String eventId, Map<String, Object> data);
}
