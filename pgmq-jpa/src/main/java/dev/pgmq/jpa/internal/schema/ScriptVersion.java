package dev.pgmq.jpa.internal.schema;

import java.util.Objects;

/** A version of pgmq-jpa's SQL-only install: the PGMQ API version plus our script revision. */
public record ScriptVersion(String pgmqVersion, int revision) implements Comparable<ScriptVersion> {

  /** Checks the components. */
  public ScriptVersion {
    Objects.requireNonNull(pgmqVersion, "pgmqVersion");
    if (!pgmqVersion.matches("\\d+(\\.\\d+)*")) {
      throw new IllegalArgumentException("pgmqVersion must be dotted numbers: " + pgmqVersion);
    }
  }

  @Override
  public int compareTo(ScriptVersion other) {
    String[] a = pgmqVersion.split("\\.");
    String[] b = other.pgmqVersion.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? Integer.parseInt(a[i]) : 0;
      int y = i < b.length ? Integer.parseInt(b[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return Integer.compare(revision, other.revision);
  }

  @Override
  public String toString() {
    return pgmqVersion + " r" + revision;
  }
}
