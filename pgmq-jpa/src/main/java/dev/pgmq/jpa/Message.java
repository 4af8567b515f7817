package dev.pgmq.jpa;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A message read from a queue ({@code pgmq.message_record}), names as in PGMQ. An immutable value
 * (as immutable as the payload type), detached from any transaction; safe to share between threads.
 *
 * @param msgId the id PGMQ assigned at send
 * @param readCt how many times it has been read (this read included)
 * @param enqueuedAt when it was sent
 * @param lastReadAt when it was last read, {@code null} if never (PGMQ before 1.10: always null)
 * @param vt when it becomes visible again
 * @param message the payload
 * @param headers the headers, a JSON object, or {@code null} when sent without
 * @param <T> payload type
 */
public record Message<T>(
    long msgId,
    int readCt,
    Instant enqueuedAt,
    Instant lastReadAt,
    Instant vt,
    T message,
    JsonNode headers) {

  /** Checks the fields PGMQ always fills. */
  public Message {
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(vt, "vt");
  }

  /** The text value of header {@code name}, or {@code null} when absent or not text. */
  public String header(String name) {
    if (headers == null) {
      return null;
    }
    JsonNode value = headers.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
