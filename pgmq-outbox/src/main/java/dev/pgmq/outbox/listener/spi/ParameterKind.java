package dev.pgmq.outbox.listener.spi;

/** What a listener method receives in one parameter. */
public enum ParameterKind {
  /** The payload, read from the message's JSON. */
  PAYLOAD,
  /** The {@code Message<JsonNode>} as read. */
  RAW_MESSAGE,
  /** The {@code Message<T>}, its payload typed. */
  TYPED_MESSAGE,
  /** The {@code MessageContext}. */
  CONTEXT,
  /** The {@code EntityManager} of the message's transaction. */
  ENTITY_MANAGER
}
