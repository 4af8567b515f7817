package dev.pgmq.it.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of the reliability suite, added to by its tests and reported once at the end by
 * {@link ReliabilitySummaryListener}. Thread-safe. Tests record what they observed before they
 * assert on it, so a failing run reports its real figures.
 */
public final class ReliabilityFigures {

  /** Every figure, in report order. */
  public enum Figure {
    TRANSACTIONS("transactions"),
    COMMITTED("committed"),
    ROLLBACKS("rollbacks"),
    ROLLBACKS_AFTER_FLUSH("rollbacksAfterFlush"),
    CONSTRAINT_FAILURES("constraintViolationRollbacks"),
    HANDLER_FAULTS("handlerFaultsInjected"),
    KILLS("processKills"),
    RESTARTS("databaseRestarts"),
    FAILED_DURING_RESTART("transactionsFailedDuringRestart"),
    BAD_INPUTS("badInputsTried"),
    PRIVILEGE_CHECKS("privilegeChecks"),
    MESSAGES_DELIVERED("messagesDelivered"),
    EFFECTS_APPLIED("effectsApplied"),
    MESSAGES_LOST("messagesLost"),
    UNCOMMITTED_DELIVERED("uncommittedDelivered"),
    DUPLICATE_EFFECTS("duplicateEffects");

    private final String key;

    Figure(String key) {
      this.key = key;
    }

    /** The name in the summary and the JSON file. */
    public String key() {
      return key;
    }
  }

  private static final Map<Figure, AtomicLong> FIGURES = new LinkedHashMap<>();
  private static final AtomicLong RECORDS = new AtomicLong();

  static {
    for (Figure f : Figure.values()) {
      FIGURES.put(f, new AtomicLong());
    }
  }

  private ReliabilityFigures() {}

  /** Adds {@code amount} to {@code figure}. */
  public static void add(Figure figure, long amount) {
    FIGURES.get(figure).addAndGet(amount);
    RECORDS.incrementAndGet();
  }

  /** Adds one to {@code figure}. */
  public static void increment(Figure figure) {
    add(figure, 1);
  }

  /** The current value of {@code figure}. */
  public static long get(Figure figure) {
    return FIGURES.get(figure).get();
  }

  /** Whether any test of the suite recorded anything in this JVM. */
  public static boolean recorded() {
    return RECORDS.get() > 0;
  }

  /** The figures as a JSON object, with the suite's duration. */
  public static String json(long durationMillis) {
    StringBuilder sb = new StringBuilder("{\n");
    for (Map.Entry<Figure, AtomicLong> e : FIGURES.entrySet()) {
      sb.append("  \"").append(e.getKey().key()).append("\": ").append(e.getValue().get());
      sb.append(",\n");
    }
    sb.append("  \"suiteDurationSeconds\": ")
        .append(String.format(java.util.Locale.ROOT, "%.1f", durationMillis / 1000.0))
        .append("\n}\n");
    return sb.toString();
  }

  /** The figures as a table for the console. */
  public static String table(long durationMillis) {
    StringBuilder sb = new StringBuilder();
    sb.append("==== pgmq-jpa reliability suite ====\n");
    for (Map.Entry<Figure, AtomicLong> e : FIGURES.entrySet()) {
      sb.append(String.format("  %-32s %,12d%n", e.getKey().key(), e.getValue().get()));
    }
    sb.append(String.format("  %-32s %12.1f s%n", "suiteDuration", durationMillis / 1000.0));
    long lost = get(Figure.MESSAGES_LOST);
    long duplicates = get(Figure.DUPLICATE_EFFECTS);
    long uncommitted = get(Figure.UNCOMMITTED_DELIVERED);
    sb.append(
        lost == 0 && duplicates == 0 && uncommitted == 0
            ? "  verdict: no message lost, none delivered without its commit, no effect duplicated\n"
            : "  verdict: FAILED (lost "
                + lost
                + ", uncommitted delivered "
                + uncommitted
                + ", duplicate effects "
                + duplicates
                + ")\n");
    return sb.append("====================================").toString();
  }

  /** Writes {@link #json(long)} to {@code file}, creating its directory. */
  public static void write(Path file, long durationMillis) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, json(durationMillis), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
