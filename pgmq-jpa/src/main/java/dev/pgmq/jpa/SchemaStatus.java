package dev.pgmq.jpa;

import java.util.Objects;

/**
 * What {@link PgmqSchema} found or did in a database. Immutable.
 *
 * @param kind how PGMQ is installed there
 * @param version the PGMQ version: the extension's {@code extversion}, the PGMQ API version of
 *     pgmq-jpa's SQL-only install, or {@code "unknown"} for an SQL install made by another tool
 * @param change what this call changed
 */
public record SchemaStatus(Kind kind, String version, Change change) {

  /** How PGMQ is installed in a database. */
  public enum Kind {
    /** The {@code pgmq} extension ({@code CREATE EXTENSION pgmq}). */
    EXTENSION,
    /** pgmq-jpa's SQL-only install (recorded by {@code pgmq._sql_install_version()}). */
    SQL,
    /**
     * Schema {@code pgmq} with a {@code meta} table, but neither the extension nor pgmq-jpa's
     * install record: an SQL install made by another tool, used as it is and never modified.
     */
    EXTERNAL_SQL
  }

  /** What a call to {@link PgmqSchema#ensure} changed. */
  public enum Change {
    /** Nothing: PGMQ was already there, current or newer. */
    NONE,
    /** PGMQ was installed by this call. */
    INSTALLED,
    /** An older pgmq-jpa SQL-only install was upgraded in place by this call. */
    UPGRADED
  }

  /** Checks that no component is null. */
  public SchemaStatus {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(change, "change");
  }

  /** Whether this call installed or upgraded anything. */
  public boolean installedNow() {
    return change != Change.NONE;
  }
}
