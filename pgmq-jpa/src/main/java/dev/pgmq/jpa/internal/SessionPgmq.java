package dev.pgmq.jpa.internal;

import java.util.function.Function;

/**
 * The operations inside one transaction that is already open: the caller's ({@code
 * Pgmq.using(entityManager)}) or a client's ({@code client.inTransaction(...)}). Every call is a
 * statement of that transaction; nothing is committed here. As thread-safe as what it runs on.
 */
final class SessionPgmq extends PgmqOperations {

  private final SessionStatements statements;

  SessionPgmq(SessionStatements statements, JsonCodec codec) {
    super(codec);
    this.statements = statements;
  }

  @Override
  <R> R call(Function<SessionStatements, R> operation) {
    return operation.apply(statements);
  }
}
