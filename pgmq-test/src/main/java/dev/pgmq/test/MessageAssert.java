package dev.pgmq.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

/** Assertions on one message of a {@link QueueContents}; obtain it from {@link QueueAssert}. */
public final class MessageAssert extends AbstractAssert<MessageAssert, Message<JsonNode>> {

  private final QueueContents contents;

  MessageAssert(Message<JsonNode> message, QueueContents contents) {
    super(message, MessageAssert.class);
    this.contents = contents;
  }

  /**
   * The payload equals {@code expected} once both are JSON (serialised with the queue's mapper).
   */
  public MessageAssert hasPayload(Object expected) {
    isNotNull();
    if (!contents.sameJson(expected, actual.message())) {
      failWithMessage(
          "expected message #%s of queue '%s' to have payload%n  %s%nbut it was%n  %s",
          actual.msgId(),
          contents.queue(),
          contents.mapper().valueToTree(expected),
          actual.message());
    }
    return this;
  }

  /** The payload decoded as {@code type}, for further assertions. */
  public <T> ObjectAssert<T> payload(Class<T> type) {
    isNotNull();
    return Assertions.assertThat(contents.decode(actual.message(), type));
  }

  /** Header {@code name} is present with the text value {@code value}. */
  public MessageAssert hasHeader(String name, String value) {
    isNotNull();
    String found = actual.header(name);
    if (!value.equals(found)) {
      failWithMessage(
          "expected message #%s of queue '%s' to have header %s=%s but it was %s (headers %s)",
          actual.msgId(), contents.queue(), name, value, found, actual.headers());
    }
    return this;
  }

  /** Header {@code name} is present, whatever its value. */
  public MessageAssert hasHeader(String name) {
    isNotNull();
    if (actual.headers() == null || !actual.headers().has(name)) {
      failWithMessage(
          "expected message #%s of queue '%s' to have header %s (headers %s)",
          actual.msgId(), contents.queue(), name, actual.headers());
    }
    return this;
  }
}
