package dev.pgmq.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the results as a table and writes them as JSON; every ratio field ends in {@code Ratio}.
 */
final class Report {

  private final Map<String, String> machine;
  private final List<Comparison> comparisons;
  private final Map<String, Double> figures;

  Report(Map<String, String> machine, List<Comparison> comparisons, Map<String, Double> figures) {
    this.machine = machine;
    this.comparisons = comparisons;
    this.figures = figures;
  }

  void printTable(PrintStream out) {
    out.println();
    out.println("| scenario | unit | library median (min–max) | raw median (min–max) | ratio |");
    out.println("|---|---|---|---|---|");
    for (Comparison c : comparisons) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | **%.2f** |%n",
          c.name(),
          c.unit(),
          range(c.library()),
          range(c.baseline()),
          c.ratio());
    }
    out.println();
    for (Map.Entry<String, Double> e : figures.entrySet()) {
      out.printf(Locale.ROOT, "- %s: %.2f%n", e.getKey(), e.getValue());
    }
    out.println();
    machine.forEach((k, v) -> out.println("  " + k + ": " + v));
  }

  void writeJson(Path file) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode m = root.putObject("machine");
    machine.forEach(m::put);
    ObjectNode ratios = root.putObject("ratios");
    ObjectNode details = root.putObject("scenarios");
    for (Comparison c : comparisons) {
      ratios.put(c.name() + "Ratio", round(c.ratio()));
      ObjectNode d = details.putObject(c.name());
      d.put("description", c.description());
      d.put("unit", c.unit());
      stats(d.putObject("library"), c.library());
      stats(d.putObject("baseline"), c.baseline());
      d.put(c.name() + "Ratio", round(c.ratio()));
    }
    ObjectNode f = root.putObject("figures");
    figures.forEach((k, v) -> f.put(k, round(v)));
    Files.createDirectories(file.toAbsolutePath().getParent());
    mapper.writeValue(file.toFile(), root);
  }

  private static void stats(ObjectNode node, Stats s) {
    node.put("median", round(s.median()));
    node.put("min", round(s.min()));
    node.put("max", round(s.max()));
    node.put("samples", s.samples());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String range(Stats s) {
    return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", s.median(), s.min(), s.max());
  }
}
