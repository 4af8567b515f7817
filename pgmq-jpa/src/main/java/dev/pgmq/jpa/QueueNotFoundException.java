package dev.pgmq.jpa;

/** The queue does not exist (PostgreSQL reported SQLSTATE 42P01 for its table). */
public class QueueNotFoundException extends PgmqException {

  private static final long serialVersionUID = 1L;

  private final String queue;

  /** For {@code queue}, with the database's exception. */
  public QueueNotFoundException(String queue, Throwable cause) {
    super("queue '" + queue + "' does not exist", cause);
    this.queue = queue;
  }

  /** The queue name. */
  public String queue() {
    return queue;
  }
}
