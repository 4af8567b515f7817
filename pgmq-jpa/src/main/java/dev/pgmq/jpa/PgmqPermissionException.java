package dev.pgmq.jpa;

/**
 * The database role lacks a privilege the statement needs (SQLSTATE 42501, {@code
 * insufficient_privilege}): a grant on schema {@code pgmq}, its functions or a queue's tables is
 * missing. the README section "Guarantees" lists what producers and consumers need.
 */
public class PgmqPermissionException extends PgmqStatementException {

  private static final long serialVersionUID = 1L;

  /** The SQLSTATE PostgreSQL reports for a missing privilege. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** With a message and the database's exception. */
  public PgmqPermissionException(String message, Throwable cause) {
    super(message, INSUFFICIENT_PRIVILEGE, cause);
  }
}
