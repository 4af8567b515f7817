package dev.pgmq.outbox.consumer.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the messages one worker holds (read, not yet finished). Its monitor also serialises
 * visibility extension against the worker's own visibility changes.
 */
final class InFlight {

  private final Set<Long> ids = new LinkedHashSet<>();

  /** Holds every id of a new batch. */
  synchronized void holdAll(List<Long> msgIds) {
    ids.addAll(msgIds);
  }

  /** Lets go of one id (its message is finished or being given back). */
  synchronized void remove(long msgId) {
    ids.remove(msgId);
  }

  /** A snapshot of the held ids. */
  synchronized List<Long> snapshot() {
    return new ArrayList<>(ids);
  }

  /** Lets go of and returns every held id. */
  synchronized List<Long> drain() {
    List<Long> all = new ArrayList<>(ids);
    ids.clear();
    return all;
  }
}
