package dev.pgmq.jpa.logging;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * What a URL client logs, seen through a real logging backend (slf4j-simple, with Hibernate's JBoss
 * Logging routed to it) at INFO in a JVM of its own: no Hibernate warning or error for failures the
 * library turns into typed exceptions, and no Hibernate line at all (it runs on plain pooled JDBC).
 */
@PgmqDatabaseTest
class QuietLoggingIT {

  @Test
  void failuresTheLibraryTranslatesAreNotLoggedByHibernate(TestDatabase db) throws Exception {
    Path log = Files.createTempFile("pgmq-quiet-client", ".log");
    List<String> out =
        run(
            log,
            System.getProperty("java.class.path"),
            QuietClientMain.class,
            db.jdbcUrlWithCredentials(),
            db.uniqueName("quiet"));
    List<String> logged = Files.readAllLines(log, StandardCharsets.UTF_8);

    assertThat(out)
        .as("the client ran and every failure came back typed; log:%n%s", String.join("\n", logged))
        .containsExactly(
            "started",
            "typed QueueNotFoundException",
            "typed PgmqStatementException",
            "typed PgmqStatementException",
            "typed QueueNotFoundException",
            "done");
    int split = logged.indexOf("--- translated failures ---");
    assertThat(logged.subList(split + 1, logged.size()))
        .as("log lines for failures the library translated into typed exceptions")
        .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    assertThat(logged.subList(0, split))
        .as("log lines while the client starts")
        .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
  }

  @Test
  void aUrlClientStartsSendsReadsAndClosesWithoutAnyHibernateLogLine(TestDatabase db)
      throws Exception {
    Path log = Files.createTempFile("pgmq-plain-client", ".log");
    List<String> out =
        run(
            log,
            System.getProperty("java.class.path"),
            PlainJdbcClientMain.class,
            db.jdbcUrlWithCredentials(),
            db.uniqueName("plain"));
    List<String> logged = Files.readAllLines(log, StandardCharsets.UTF_8);

    assertThat(out)
        .as("the client sent, read and closed; log:%n%s", String.join("\n", logged))
        .containsExactly("read {\"n\":1}", "done");
    assertThat(logged)
        .as("log lines of a URL client's whole life")
        .noneMatch(line -> line.contains("org.hibernate") || line.contains("HHH"))
        .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    assertThat(logged)
        .as("the pool is HikariCP's, named pgmq-client")
        .anyMatch(line -> line.contains("com.zaxxer.hikari") && line.contains("pgmq-client"));
  }

  @Test
  void withoutHikariCpTheUrlClientFailsNamingTheMissingDependency(TestDatabase db)
      throws Exception {
    Path log = Files.createTempFile("pgmq-no-hikari", ".log");
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("HikariCP"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> out =
        run(
            log,
            classPath,
            PlainJdbcClientMain.class,
            db.jdbcUrlWithCredentials(),
            db.uniqueName("nohikari"));

    assertThat(out)
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith("failed IllegalStateException: PgmqClient.create(url) needs HikariCP")
        .contains("com.zaxxer:HikariCP");
  }

  private static List<String> run(
      Path log, String classPath, Class<?> main, String url, String queue)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dorg.jboss.logging.provider=slf4j");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.add(url);
    command.add(queue);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    List<String> out = new ArrayList<>();
    try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
      reader.lines().forEach(out::add);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    return out;
  }
}
