package dev.pgmq.it.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reports the {@link ReliabilityFigures} once, at the end of the test run: every reliability test
 * class registers this extension, which keeps one report in the root context's store; JUnit closes
 * it after the last test of the run, and closing prints the figures and writes them to {@code
 * target/reliability-summary.json}.
 */
public final class ReliabilitySummary implements BeforeAllCallback {

  /** Where the figures are written, relative to the module directory. */
  static final Path FILE = Path.of("target", "reliability-summary.json");

  /** The printed table, also written here: the build echoes it once the tests have run. */
  static final Path TABLE = Path.of("target", "reliability-summary.txt");

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(ReliabilitySummary.class))
        .computeIfAbsent(Report.class, k -> new Report(), Report.class);
  }

  /** The end-of-run report; its clock starts with the first reliability test class. */
  static final class Report implements AutoCloseable {

    private final long startNanos = System.nanoTime();

    @Override
    public void close() {
      long millis = (System.nanoTime() - startNanos) / 1_000_000;
      ReliabilityFigures.write(FILE, millis);
      String table = ReliabilityFigures.table(millis);
      System.out.println(table);
      System.out.println("  written to " + FILE.toAbsolutePath());
      try {
        java.nio.file.Files.writeString(TABLE, table + System.lineSeparator());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
