package dev.pgmq.jpa;

/** A queue name that PGMQ (or this library's stricter rules) does not accept; raised before SQL. */
public class InvalidQueueNameException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the rule broken. */
  public InvalidQueueNameException(String message) {
    super(message);
  }
}
