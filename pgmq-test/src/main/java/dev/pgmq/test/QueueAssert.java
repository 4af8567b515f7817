package dev.pgmq.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions on what a queue holds: {@code assertThat(queue("orders")).hasMessages(2)}. Obtain it
 * from {@link PgmqAssertions#assertThat(QueueContents)}.
 */
public final class QueueAssert extends AbstractAssert<QueueAssert, QueueContents> {

  QueueAssert(QueueContents actual) {
    super(actual, QueueAssert.class);
  }

  /** The queue holds exactly {@code count} messages (visible or not). */
  public QueueAssert hasMessages(int count) {
    isNotNull();
    if (actual.messages().size() != count) {
      failWithMessage("expected %s message(s) but found %s in %s", count, size(), actual);
    }
    return this;
  }

  /** The queue holds no message. */
  public QueueAssert isEmpty() {
    return hasMessages(0);
  }

  /** Some message's payload equals {@code expected} once both are JSON. */
  public QueueAssert containsPayload(Object expected) {
    isNotNull();
    if (actual.messages().stream().noneMatch(m -> actual.sameJson(expected, m.message()))) {
      failWithMessage(
          "expected a message with payload%n  %s%nin %s",
          actual.mapper().valueToTree(expected), actual);
    }
    return this;
  }

  /** Every payload decoded as {@code type}, oldest first, for further assertions. */
  public <T> ListAssert<T> payloads(Class<T> type) {
    isNotNull();
    return Assertions.assertThat(actual.payloads(type));
  }

  /** The text values of header {@code name}, one per message (null where absent), oldest first. */
  public ListAssert<String> headers(String name) {
    isNotNull();
    List<String> values = new ArrayList<>();
    for (Message<JsonNode> m : actual.messages()) {
      values.add(m.header(name));
    }
    return Assertions.assertThat(values);
  }

  /** Every message has header {@code name} with the text value {@code value}. */
  public QueueAssert allHaveHeader(String name, String value) {
    isNotNull();
    for (Message<JsonNode> m : actual.messages()) {
      new MessageAssert(m, actual).hasHeader(name, value);
    }
    return this;
  }

  /** The {@code index}-th message (0 = oldest), for assertions on it alone. */
  public MessageAssert message(int index) {
    isNotNull();
    if (index < 0 || index >= size()) {
      failWithMessage("no message at index %s: %s", index, actual);
    }
    return new MessageAssert(actual.messages().get(index), actual);
  }

  private int size() {
    return actual.messages().size();
  }
}
