package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.consumer.MessageContext;
import jakarta.persistence.EntityManager;

/** The context of one handler call. */
record DefaultMessageContext(
    String queue,
    Message<JsonNode> message,
    EntityManager entityManager,
    Pgmq pgmq,
    String eventType)
    implements MessageContext {}
