package dev.pgmq.outbox.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import jakarta.persistence.EntityManager;

/**
 * What a {@link MessageHandler} knows about the message it handles. Valid only during the handler
 * call and only on the thread that called it (like the {@code EntityManager} it carries).
 */
public interface MessageContext {

  /** The queue the message was read from. */
  String queue();

  /** The message as read, payload and headers as JSON. */
  Message<JsonNode> message();

  /**
   * The {@code EntityManager} of the transaction that also acknowledges the message. Writes through
   * it commit together with the acknowledgement.
   */
  EntityManager entityManager();

  /**
   * PGMQ operations on {@link #entityManager()}, in the same transaction: messages sent here are
   * sent only if the message is acknowledged.
   */
  Pgmq pgmq();

  /** The event type header of the message, or {@code null} when it has none. */
  String eventType();

  /** The message id. */
  long msgId();

  /** How many times the message has been read, this delivery included (1 on the first). */
  int readCt();

  /** The text value of header {@code name}, or {@code null}. */
  String header(String name);
}
