package dev.pgmq.jpa.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled SQL-only install script and the version it installs. */
public final class SqlScript {

  /** The version the bundled script installs; keep in step with its final INSERT. */
  public static final ScriptVersion VERSION = new ScriptVersion("1.13.1", 3);

  /** Classpath location of the bundled script. */
  public static final String RESOURCE = "/dev/pgmq/jpa/sql/pgmq-sql-1.13.1.sql";

  private static volatile String text;

  private SqlScript() {}

  /** The script text (loaded once). */
  public static String text() {
    String t = text;
    if (t == null) {
      try (InputStream in = SqlScript.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing classpath resource " + RESOURCE);
        }
        t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + RESOURCE, e);
      }
      text = t;
    }
    return t;
  }
}
