package dev.pgmq.jpa;

import dev.pgmq.jpa.internal.schema.SqlScript;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Command-line access to the SQL-only install script, needing nothing but the pgmq-jpa jar:
 *
 * <pre>{@code
 * java -cp pgmq-jpa.jar dev.pgmq.jpa.PgmqSqlScript > pgmq.sql          # the script
 * java -cp pgmq-jpa.jar dev.pgmq.jpa.PgmqSqlScript --version           # e.g. "1.13.1 r2"
 * }</pre>
 *
 * <p>The same text as {@link PgmqSchema#sqlScript()}. (This class exists apart from {@link
 * PgmqSchema} because a class whose methods mention JPA types cannot be launched without the JPA
 * API on the class path.)
 */
public final class PgmqSqlScript {

  private PgmqSqlScript() {}

  /** Prints the script, or with {@code --version} the version it installs, to standard output. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 1 && args[0].equals("--version")) {
      out.println(SqlScript.VERSION);
    } else if (args.length == 0) {
      out.print(SqlScript.text());
    } else {
      System.err.println("usage: java -cp pgmq-jpa.jar dev.pgmq.jpa.PgmqSqlScript [--version]");
      System.exit(2);
    }
    out.flush();
  }
}
