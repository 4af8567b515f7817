package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.PgmqSqlScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The script can be printed from the command line with nothing but pgmq-jpa's own classes. */
class SqlScriptCommandTest {

  @Test
  void printsTheScriptWithoutAnyOtherJarOnTheClassPath() throws Exception {
    assertThat(run()).isEqualTo(PgmqSchema.sqlScript());
  }

  @Test
  void printsTheVersionItInstalls() throws Exception {
    assertThat(run("--version").trim())
        .isEqualTo(PgmqSchema.sqlScriptVersion() + " r" + PgmqSchema.sqlScriptRevision());
  }

  private static String run(String... args) throws Exception {
    Path classes =
        Path.of(PgmqSqlScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[4 + args.length];
    command[0] = java;
    command[1] = "-cp";
    command[2] = classes.toString();
    command[3] = PgmqSqlScript.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
