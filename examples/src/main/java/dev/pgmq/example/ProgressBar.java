package dev.pgmq.example;

import java.io.PrintStream;

/** A one-line text progress bar for two counters (placed, consumed) out of a total. */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final long total;
  private final boolean terminal;
  private long lastTenth = -1;

  /** On a terminal the bar redraws in place; elsewhere (logs, CI) it prints a line per tenth. */
  ProgressBar(PrintStream out, long total, boolean terminal) {
    this.out = out;
    this.total = total;
    this.terminal = terminal;
  }

  void show(long placed, long consumed) {
    if (terminal) {
      out.print("\r" + line(placed, consumed, total));
      out.flush();
      return;
    }
    long tenth = (placed + consumed) * 10 / Math.max(1, 2 * total);
    if (tenth != lastTenth) {
      lastTenth = tenth;
      out.println(line(placed, consumed, total));
    }
  }

  void finish(long placed, long consumed) {
    out.println((terminal ? "\r" : "") + line(placed, consumed, total));
  }

  static String line(long placed, long consumed, long total) {
    return "placed   " + bar(placed, total) + "  consumed " + bar(consumed, total);
  }

  static String bar(long done, long total) {
    int filled = (int) Math.min(WIDTH, done * WIDTH / Math.max(1, total));
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + pad(done, total);
  }

  private static String pad(long done, long total) {
    String t = Long.toString(total);
    String d = Long.toString(done);
    return " ".repeat(Math.max(0, t.length() - d.length())) + d + "/" + t;
  }
}
