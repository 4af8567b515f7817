package dev.pgmq.outbox.listener;

import dev.pgmq.jpa.PgmqException;

/**
 * A {@link PgmqListener} method cannot be run as declared: an unknown queue, a parameter the
 * consumer cannot supply, an invalid setting. The container integration (CDI, Spring) reports it
 * when the application starts, so the application does not start; the message names the method and
 * what is wrong with it.
 */
public class ListenerDefinitionException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public ListenerDefinitionException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public ListenerDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
