package dev.pgmq.jpa.internal.schema;

/**
 * What a database holds of PGMQ, as read by {@link SchemaInspector}.
 *
 * @param extensionVersion the installed pgmq extension's version, or null when not installed
 * @param extensionAvailable whether the server offers the pgmq extension
 * @param sqlInstall the version recorded by pgmq-jpa's SQL-only install, or null
 * @param metaTablePresent whether table {@code pgmq.meta} exists
 */
public record SchemaState(
    String extensionVersion,
    boolean extensionAvailable,
    ScriptVersion sqlInstall,
    boolean metaTablePresent) {

  /** Whether the pgmq extension is installed. */
  public boolean extensionInstalled() {
    return extensionVersion != null;
  }
}
