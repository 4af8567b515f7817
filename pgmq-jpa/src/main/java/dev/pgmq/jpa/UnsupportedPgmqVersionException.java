package dev.pgmq.jpa;

/** The PGMQ installed in the database lacks a function the call needs ("requires PGMQ ≥ x.y"). */
public class UnsupportedPgmqVersionException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the feature and the version it needs. */
  public UnsupportedPgmqVersionException(String message) {
    super(message);
  }
}
