package dev.pgmq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {

  @TempDir Path dir;

  @Test
  void readsEveryRunsRatiosPerScenarioInRunOrder() throws Exception {
    run("before/run-1", 0.90, 1.00);
    run("before/run-2", 0.80, 1.10);

    Map<String, List<Double>> ratios = RunComparison.ratios(dir.resolve("before"), "embedded.json");

    assertThat(ratios)
        .containsEntry("sendRatio", List.of(0.90, 0.80))
        .containsEntry("consumeRatio", List.of(1.00, 1.10));
  }

  @Test
  void callsAnAfterMedianBelowTheSmallestBeforeRunLowerAndOneInsideTheSpreadNoise()
      throws Exception {
    run("before/run-1", 0.90, 1.00);
    run("before/run-2", 0.80, 1.10);
    run("before/run-3", 0.85, 1.05);
    run("after/run-1", 0.86, 0.95);
    run("after/run-2", 0.84, 0.96);
    run("after/run-3", 0.83, 0.97);

    String table = table();

    assertThat(table)
        .contains("| send | 0.85 (0.80–0.90, 3 runs) | 0.84 (0.83–0.86, 3 runs) | within noise |")
        .contains("| consume | 1.05 (1.00–1.10, 3 runs) | 0.96 (0.95–0.97, 3 runs) | **yes** |");
  }

  @Test
  void callsAnAfterMedianAtOrAboveTheBeforeMedianNotLower() throws Exception {
    run("before/run-1", 0.90, 1.00);
    run("after/run-1", 0.90, 1.20);

    String table = table();

    assertThat(table).contains("| send | 0.90").contains("| consume | 1.00").doesNotContain("yes");
    assertThat(table.lines().filter(l -> l.endsWith("| no |")).count()).isEqualTo(2);
  }

  private void run(String name, double send, double consume) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        run.resolve("embedded.json"),
        "{\"ratios\":{\"sendRatio\":" + send + ",\"consumeRatio\":" + consume + "}}");
  }

  /** What RunComparison prints for the runs under before/ and after/. */
  private String table() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunComparison.print(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        "embedded.json",
        RunComparison.ratios(dir.resolve("before"), "embedded.json"),
        RunComparison.ratios(dir.resolve("after"), "embedded.json"));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
