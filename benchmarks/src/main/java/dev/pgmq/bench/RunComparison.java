package dev.pgmq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compares the ratios of two builds measured in several alternating runs: per database and
 * scenario, the median, smallest and largest ratio of each build's runs, and whether the newer
 * build's median is lower than the older build's smallest run (a drop larger than the older build's
 * own spread).
 *
 * <p>Arguments: {@code BEFORE_DIR AFTER_DIR}, each holding one sub-directory per run with the
 * {@code embedded.json} (and {@code server.json}) that {@link BenchmarkMain} wrote.
 */
public final class RunComparison {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunComparison() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: RunComparison BEFORE_DIR AFTER_DIR");
    }
    for (String database : new String[] {"embedded.json", "server.json"}) {
      Map<String, List<Double>> before = ratios(Path.of(args[0]), database);
      Map<String, List<Double>> after = ratios(Path.of(args[1]), database);
      if (!before.isEmpty() && !after.isEmpty()) {
        print(System.out, database, before, after);
      }
    }
  }

  /** Every run's ratio per scenario, in run order. */
  static Map<String, List<Double>> ratios(Path dir, String file) throws Exception {
    Map<String, List<Double>> byScenario = new LinkedHashMap<>();
    List<Path> runs;
    try (Stream<Path> children = Files.list(dir)) {
      runs = children.filter(p -> Files.isRegularFile(p.resolve(file))).sorted().toList();
    }
    for (Path run : runs) {
      JsonNode ratios = JSON.readTree(run.resolve(file).toFile()).path("ratios");
      ratios
          .fields()
          .forEachRemaining(
              e ->
                  byScenario
                      .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                      .add(e.getValue().asDouble()));
    }
    return byScenario;
  }

  static void print(
      PrintStream out,
      String database,
      Map<String, List<Double>> before,
      Map<String, List<Double>> after) {
    out.println();
    out.println("### " + database);
    out.println("| scenario | before: median (min–max) | after: median (min–max) | after lower? |");
    out.println("|---|---|---|---|");
    for (Map.Entry<String, List<Double>> e : after.entrySet()) {
      List<Double> old = before.get(e.getKey());
      Stats now = Stats.of(e.getValue());
      if (old == null) {
        out.printf(Locale.ROOT, "| %s | — | %s | — |%n", name(e.getKey()), range(now));
        continue;
      }
      Stats was = Stats.of(old);
      String verdict =
          now.median() >= was.median()
              ? "no"
              : now.median() >= was.min() ? "within noise" : "**yes**";
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |%n",
          name(e.getKey()),
          range(was),
          range(now),
          verdict);
    }
  }

  private static String name(String key) {
    return key.endsWith("Ratio") ? key.substring(0, key.length() - "Ratio".length()) : key;
  }

  private static String range(Stats s) {
    return String.format(
        Locale.ROOT, "%.2f (%.2f–%.2f, %d runs)", s.median(), s.min(), s.max(), s.samples());
  }
}
