package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.consumer.DeadLetterHeaders;
import dev.pgmq.outbox.consumer.MessageGoneException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Moves messages to a dead-letter queue and back, inside the caller's transaction. */
public final class DeadLetterMover {

  private static final int MAX_EXCEPTION_MESSAGE = 2000;
  private static final int REPLAY_BATCH = 100;
  private static final Duration REPLAY_VT = Duration.ofSeconds(60);

  private DeadLetterMover() {}

  /**
   * Sends {@code message} to {@code deadLetterQueue} with the dead-letter headers and deletes it
   * from {@code queue}; both in the transaction {@code pgmq} runs in.
   *
   * @throws MessageGoneException when the message is no longer in {@code queue}
   */
  public static void deadLetter(
      Pgmq pgmq,
      ObjectMapper mapper,
      String queue,
      String deadLetterQueue,
      Message<JsonNode> message,
      String reason,
      Throwable error) {
    Map<String, Object> headers = headersOf(mapper, message.headers());
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
    pgmq.send(deadLetterQueue, payloadOf(message), headers);
    if (!pgmq.delete(queue, message.msgId())) {
      throw new MessageGoneException(queue, message.msgId());
    }
  }

  /** Moves up to {@code max} messages back; see {@code DeadLetters.replay}. */
  public static int replay(
      Pgmq pgmq, ObjectMapper mapper, String deadLetterQueue, String fallbackQueue, int max) {
    int moved = 0;
    while (moved < max) {
      List<Message<JsonNode>> batch =
          pgmq.readBatch(deadLetterQueue, REPLAY_VT, Math.min(REPLAY_BATCH, max - moved));
      if (batch.isEmpty()) {
        break;
      }
      for (Message<JsonNode> message : batch) {
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
        Map<String, Object> headers = headersOf(mapper, message.headers());
        DeadLetterHeaders.ALL.forEach(headers::remove);
        if (headers.isEmpty()) {
          pgmq.send(target, payloadOf(message));
        } else {
          pgmq.send(target, payloadOf(message), headers);
        }
        pgmq.delete(deadLetterQueue, message.msgId());
        moved++;
      }
    }
    return moved;
  }

  private static JsonNode payloadOf(Message<JsonNode> message) {
    return message.message() == null ? NullNode.getInstance() : message.message();
  }

  private static Map<String, Object> headersOf(ObjectMapper mapper, JsonNode headers) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (headers != null && headers.isObject()) {
      for (Map.Entry<String, JsonNode> field : headers.properties()) {
        map.put(field.getKey(), mapper.convertValue(field.getValue(), Object.class));
      }
    }
    return map;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_EXCEPTION_MESSAGE ? text : text.substring(0, MAX_EXCEPTION_MESSAGE);
  }
}
