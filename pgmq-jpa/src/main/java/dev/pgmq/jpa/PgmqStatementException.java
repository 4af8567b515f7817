package dev.pgmq.jpa;

/** A PGMQ statement failed in the database for a reason no narrower exception names. */
public class PgmqStatementException extends PgmqException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /** With a message, the SQLSTATE (may be null) and the cause. */
  public PgmqStatementException(String message, String sqlState, Throwable cause) {
    super(sqlState == null ? message : message + " [SQLSTATE " + sqlState + "]", cause);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE the database reported, or {@code null}. */
  public String sqlState() {
    return sqlState;
  }
}
