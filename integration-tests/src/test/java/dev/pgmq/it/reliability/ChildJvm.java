package dev.pgmq.it.reliability;

import dev.pgmq.outbox.OutboxSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running a main class of the test sources on the test class path. Its standard output
 * is the protocol (one line per event, collected here); its standard error goes to a log file.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Path log;
  private final Thread reader;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.reader = new Thread(this::collect, "child-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with {@code args}; its standard error goes to {@code log}. */
  static ChildJvm start(Class<?> main, Path log, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    // the outbox's send path of this run (CI runs the suite once with the fast path off)
    String directInsert = System.getProperty(OutboxSettings.DIRECT_INSERT);
    if (directInsert != null) {
      command.add("-D" + OutboxSettings.DIRECT_INSERT + "=" + directInsert);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      return new ChildJvm(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collect() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process died; what it printed until then is kept
    }
  }

  /** The lines printed so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** How many lines printed so far start with {@code prefix}. */
  long count(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).count();
  }

  /** The numbers after {@code prefix} on the lines that start with it. */
  List<Long> numbers(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> Long.parseLong(l.substring(prefix.length()).trim()))
        .toList();
  }

  /** Waits until the printed lines satisfy {@code condition}; fails with the child's log if not. */
  void awaitLines(Predicate<ChildJvm> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(this)) {
      if (!process.isAlive() && !condition.test(this)) {
        throw new AssertionError(
            "child exited with " + process.exitValue() + " before the condition held" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child did not get there within " + timeout + logTail());
      }
      Thread.sleep(20);
    }
  }

  /**
   * SIGKILL ({@code destroyForcibly}), waits until the process is gone and every line it wrote
   * before dying has been collected (lines still in the pipe would otherwise be missed).
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("child " + process.pid() + " survived SIGKILL");
    }
    reader.join(TimeUnit.SECONDS.toMillis(30));
  }

  /** The process's exit value (137 after SIGKILL). */
  int exitValue() {
    return process.exitValue();
  }

  private String logTail() {
    try {
      List<String> all = Files.readAllLines(log);
      return "\nlast lines of "
          + log
          + ":\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    } catch (IOException e) {
      return " (no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
