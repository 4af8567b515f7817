package dev.pgmq.it.reliability;

/** Looks along a cause chain. */
final class Causes {

  private Causes() {}

  /**
   * The first throwable of {@code type} in {@code thrown}'s cause chain, itself included; or null.
   */
  static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
