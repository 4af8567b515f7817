package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.outbox.consumer.DeadLetterHeaders;
import dev.pgmq.outbox.consumer.MessageGoneException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves messages to a dead-letter queue and back, inside the caller's transaction. The payload
 * travels as the JSON text PostgreSQL stored, never decoded, so the moved message is the same
 * {@code jsonb} value; header values are copied as JSON trees read exactly.
 */
public final class DeadLetterMover {

  private static final int MAX_EXCEPTION_MESSAGE = 2000;
  private static final int REPLAY_BATCH = 100;
  private static final Duration REPLAY_VT = Duration.ofSeconds(60);
  private static final RawValue NULL = new RawValue("null");

  private DeadLetterMover() {}

  /**
   * Sends {@code message} to {@code deadLetterQueue} with the dead-letter headers and deletes it
   * from {@code queue}; both in the transaction {@code pgmq} runs in.
   *
   * @throws MessageGoneException when the message is no longer in {@code queue}
   */
  public static void deadLetter(
      Pgmq pgmq,
      String queue,
      String deadLetterQueue,
      Message<RawValue> message,
      String reason,
      Throwable error) {
    Map<String, Object> headers = headersOf(message.headers());
    headers.put(DeadLetterHeaders.REASON, reason);
    if (error != null) {
      headers.put(DeadLetterHeaders.EXCEPTION, error.getClass().getName());
      headers.put(
          DeadLetterHeaders.EXCEPTION_MESSAGE, truncate(String.valueOf(error.getMessage())));
    }
    headers.put(DeadLetterHeaders.ATTEMPTS, message.readCt());
    headers.put(DeadLetterHeaders.ORIGINAL_QUEUE, queue);
    headers.put(DeadLetterHeaders.ORIGINAL_MSG_ID, message.msgId());
    headers.put(DeadLetterHeaders.DEAD_LETTERED_AT, Instant.now().toString());
    pgmq.send(deadLetterQueue, payloadOf(message), SendOptions.of(headers));
    if (!pgmq.delete(queue, message.msgId())) {
      throw new MessageGoneException(queue, message.msgId());
    }
  }

  /** Moves up to {@code max} messages back; see {@code DeadLetters.replay}. */
  public static int replay(Pgmq pgmq, String deadLetterQueue, String fallbackQueue, int max) {
    int moved = 0;
    while (moved < max) {
      List<Message<RawValue>> batch =
          pgmq.readBatch(
              deadLetterQueue, REPLAY_VT, Math.min(REPLAY_BATCH, max - moved), RawValue.class);
      if (batch.isEmpty()) {
        break;
      }
      for (Message<RawValue> message : batch) {
        String target = message.header(DeadLetterHeaders.ORIGINAL_QUEUE);
        if (target == null) {
          target = fallbackQueue;
        }
        if (target == null) {
          throw new IllegalStateException(
              "message "
                  + message.msgId()
                  + " of '"
                  + deadLetterQueue
                  + "' has no "
                  + DeadLetterHeaders.ORIGINAL_QUEUE
                  + " header and no queue was given to replay it to");
        }
        Map<String, Object> headers = headersOf(message.headers());
        DeadLetterHeaders.ALL.forEach(headers::remove);
        if (headers.isEmpty()) {
          pgmq.send(target, payloadOf(message));
        } else {
          pgmq.send(target, payloadOf(message), SendOptions.of(headers));
        }
        pgmq.delete(deadLetterQueue, message.msgId());
        moved++;
      }
    }
    return moved;
  }

  private static RawValue payloadOf(Message<RawValue> message) {
    return message.message() == null ? NULL : message.message();
  }

  /** The header values as trees: written back exactly as read, whatever the mapper. */
  private static Map<String, Object> headersOf(JsonNode headers) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (headers != null && headers.isObject()) {
      for (Map.Entry<String, JsonNode> field : headers.properties()) {
        map.put(field.getKey(), field.getValue());
      }
    }
    return map;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_EXCEPTION_MESSAGE ? text : text.substring(0, MAX_EXCEPTION_MESSAGE);
  }
}
