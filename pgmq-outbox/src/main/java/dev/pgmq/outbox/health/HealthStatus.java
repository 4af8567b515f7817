package dev.pgmq.outbox.health;

/** The verdict of a health check. */
public enum HealthStatus {
  /** Everything checked is as expected. */
  UP,
  /** Something checked is not: the report's problems say what. */
  DOWN
}
