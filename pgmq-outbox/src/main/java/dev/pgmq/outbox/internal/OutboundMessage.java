package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.spi.Destination;
import java.util.UUID;

/**
 * An event ready for PGMQ: routed, serialised, enveloped.
 *
 * @param destination queue or topic
 * @param eventId the envelope's event id
 * @param eventType the envelope's event type
 * @param payload the message, JSON text
 * @param headers the envelope, JSON object text
 */
public record OutboundMessage(
    Destination destination, UUID eventId, String eventType, String payload, String headers) {}
