package dev.pgmq.jpa;

/**
 * The root of every exception this library raises for a failure of its own; unchecked, with the
 * cause always kept.
 *
 * <p><b>The error contract</b>, the same on every entry point ({@code Pgmq.using}, {@link
 * PgmqClient}, {@link AsyncPgmq}, the outbox, consumers, CDI beans and listeners):
 *
 * <ul>
 *   <li><b>Invalid arguments</b> raise the JDK's exceptions, as JPA and JDBC do, and nothing is
 *       sent to the database: {@link NullPointerException} naming the argument or setting that is
 *       {@code null}; {@link IllegalArgumentException} naming the argument or setting and the rule
 *       it breaks (a duration PGMQ cannot represent, a quantity that is not positive, an empty
 *       batch, an invalid configuration property).
 *   <li><b>Invalid queue names are the one exception to that:</b> wherever a queue name is given
 *       (an operation, a consumer builder, the outbox's default queue or an event's route), a name
 *       that is not a valid PGMQ queue name raises {@link InvalidQueueNameException}, also before
 *       any SQL runs. A {@code @PgmqListener} with such a name fails the CDI deployment with a
 *       definition error whose cause is that {@code InvalidQueueNameException}.
 *   <li><b>Calls in the wrong state</b> raise {@link IllegalStateException}: a closed client, a
 *       consumer started twice.
 *   <li><b>Everything else</b> the library detects or the database reports is a {@code
 *       PgmqException} subtype named for what failed: {@link QueueNotFoundException}, {@link
 *       PgmqSchemaException} (PGMQ is not installed), {@link PgmqSerializationException}, {@link
 *       NoActiveTransactionException}, {@link UnsupportedPgmqVersionException}, {@link
 *       PgmqPermissionException}, and {@link PgmqStatementException} for any other database failure
 *       (with its SQLSTATE).
 * </ul>
 *
 * <p>Exceptions thrown by the application's own code (a function given to {@link
 * PgmqClient#inTransaction}, a consumer's handler) pass through unchanged where the caller sees
 * them. {@link AsyncPgmq} completes its futures exceptionally with the same exceptions.
 */
public class PgmqException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public PgmqException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public PgmqException(String message, Throwable cause) {
    super(message, cause);
  }
}
