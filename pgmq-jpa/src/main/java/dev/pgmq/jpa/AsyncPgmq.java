package dev.pgmq.jpa;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every {@link Pgmq} operation, asynchronously: obtain it from {@link PgmqClient#async()} and pass
 * the operation as a function of the client, so there is no second list of operations to keep in
 * step (the seed's {@code send_async(...)} is {@code async.call(p -> p.send(...))}).
 *
 * <pre>{@code
 * CompletableFuture<Long> id = client.async().call(p -> p.send("orders", new OrderPlaced(42)));
 * CompletableFuture<Void> created = client.async().run(p -> p.createQueue("orders"));
 * }</pre>
 *
 * <p>Work runs on the client's executor ({@link PgmqConfig#asyncExecutor()}, or the client's own
 * bounded by {@link PgmqConfig#poolSize()}). Failures, including invalid arguments, complete the
 * future exceptionally with the exceptions the synchronous call throws (wrapped in a {@code
 * CompletionException} by {@code join()}). Thread-safe, as the client.
 */
public interface AsyncPgmq {

  /**
   * Runs {@code operation} against the client on the executor: each {@link Pgmq} call inside it
   * runs in a transaction of its own, as on the client; the future completes with its result.
   */
  <R> CompletableFuture<R> call(Function<Pgmq, R> operation);

  /** {@link #call(Function)} for operations that return nothing. */
  CompletableFuture<Void> run(Consumer<Pgmq> operation);

  /**
   * Runs {@code work} in one transaction on the executor; the future completes with what it
   * returned after the commit, or exceptionally after the rollback.
   */
  <R> CompletableFuture<R> inTransaction(Function<Pgmq, R> work);
}
