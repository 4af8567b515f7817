package dev.pgmq.jpa;

/** An operation that must join the caller's transaction found none active. */
public class NoActiveTransactionException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message saying what needed the transaction. */
  public NoActiveTransactionException(String message) {
    super(message);
  }
}
