package dev.pgmq.outbox.consumer;

/**
 * Handles the payload of one message, typed as the class it was registered with.
 *
 * <p><b>Transactions.</b> The handler runs inside the transaction of {@link
 * MessageContext#entityManager()}; the consumer acknowledges the message (delete or archive) in the
 * same transaction after the handler returns and then commits. Work the handler does through that
 * {@code EntityManager} (or through {@link MessageContext#pgmq()}) therefore commits together with
 * the acknowledgement or not at all. The handler must not commit, roll back or close it.
 *
 * <p><b>Failure.</b> Throwing anything rolls the transaction back and schedules a retry with
 * backoff, or dead-letters the message when it was the last attempt or the exception is {@link
 * NonRetryable}.
 *
 * <p><b>Threads.</b> One instance is called concurrently from every worker thread of the consumer:
 * it must be thread-safe. Each call gets its own {@code EntityManager}.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface MessageHandler<T> {

  /**
   * Handles one message.
   *
   * @param payload the message payload, deserialised with the consumer's {@code ObjectMapper}
   * @param context the message, its headers and the transaction's {@code EntityManager}
   * @throws Exception to roll back and retry (or dead-letter) the message
   */
  void handle(T payload, MessageContext context) throws Exception;
}
