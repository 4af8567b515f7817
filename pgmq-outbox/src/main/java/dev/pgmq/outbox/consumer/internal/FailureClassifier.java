package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.outbox.consumer.NonRetryable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Decides whether a failure is worth retrying, looking along the cause chain. */
final class FailureClassifier {

  private final List<Class<? extends Throwable>> nonRetryable;

  FailureClassifier(List<Class<? extends Throwable>> nonRetryable) {
    this.nonRetryable = List.copyOf(nonRetryable);
  }

  /** Whether {@code error} or one of its causes is marked or configured non-retryable. */
  boolean isNonRetryable(Throwable error) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof NonRetryable || t instanceof PgmqSerializationException) {
        return true;
      }
      for (Class<? extends Throwable> type : nonRetryable) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
