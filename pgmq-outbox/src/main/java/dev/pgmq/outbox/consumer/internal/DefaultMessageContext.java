package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.consumer.MessageContext;
import jakarta.persistence.EntityManager;

/** The context of one handler call; its {@link #message()} tree is decoded on first use. */
public final class DefaultMessageContext implements MessageContext {

  private final String queue;
  private final Delivery delivery;
  private final EntityManager entityManager;
  private final Pgmq pgmq;
  private final String eventType;
  private final long msgId;
  private final int readCt;

  DefaultMessageContext(
      String queue, Delivery delivery, EntityManager entityManager, Pgmq pgmq, String eventType) {
    this.queue = queue;
    this.delivery = delivery;
    this.entityManager = entityManager;
    this.pgmq = pgmq;
    this.eventType = eventType;
    this.msgId = delivery.msgId();
    this.readCt = delivery.readCt();
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

  Delivery delivery() {
    return delivery;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public Message<JsonNode> message() {
    return delivery.tree();
  }

  @Override
  public EntityManager entityManager() {
    return entityManager;
  }

  @Override
  public Pgmq pgmq() {
    return pgmq;
  }

  @Override
  public String eventType() {
    return eventType;
  }

  @Override
  public long msgId() {
    return msgId;
  }

  @Override
  public int readCt() {
    return readCt;
  }

  @Override
  public String header(String name) {
    return delivery.header(name);
  }
}
