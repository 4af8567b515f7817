package dev.pgmq.cdi;

import dev.pgmq.jpa.PgmqException;

/**
 * The CDI integration could not do what the application asked: typically the application has no
 * {@code EntityManager} bean for {@code @Inject Pgmq}, or no transaction to run a listener in.
 */
public class PgmqCdiException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public PgmqCdiException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public PgmqCdiException(String message, Throwable cause) {
    super(message, cause);
  }
}
