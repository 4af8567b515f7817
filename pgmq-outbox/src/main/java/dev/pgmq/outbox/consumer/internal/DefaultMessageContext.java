package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.consumer.MessageContext;
import jakarta.persistence.EntityManager;

/**
 * The context of one handler call; its {@link #message()} tree is decoded on first use. {@code
 * msgId} and {@code readCt} are {@code delivery}'s.
 */
public record DefaultMessageContext(
    String queue,
    Delivery delivery,
    EntityManager entityManager,
    Pgmq pgmq,
    String eventType,
    long msgId,
    int readCt)
    implements MessageContext {

  DefaultMessageContext(
      String queue, Delivery delivery, EntityManager entityManager, Pgmq pgmq, String eventType) {
    this(queue, delivery, entityManager, pgmq, eventType, delivery.msgId(), delivery.readCt());
  }

  /**
   * The message of {@code context} carrying {@code payload}, without decoding the JSON tree when
   * {@code context} is a consumer's own.
   */
  public static <T> Message<T> withPayload(MessageContext context, T payload) {
    if (context instanceof DefaultMessageContext own) {
      return own.delivery.withPayload(payload);
    }
    Message<JsonNode> m = context.message();
    return new Message<>(
        m.msgId(), m.readCt(), m.enqueuedAt(), m.lastReadAt(), m.vt(), payload, m.headers());
  }

  @Override
  public Message<JsonNode> message() {
    return delivery.tree();
  }

  @Override
  public String header(String name) {
    return delivery.header(name);
  }
}
