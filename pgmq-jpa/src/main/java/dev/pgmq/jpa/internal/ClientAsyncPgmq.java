package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.AsyncPgmq;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link AsyncPgmq} of a client: each call is a client transaction on the configured executor, or
 * on an own pool of at most {@code poolSize} threads (of the configured thread factory, else daemon
 * threads) created on first use.
 */
final class ClientAsyncPgmq implements AsyncPgmq {

  private final DefaultPgmqClient client;
  private final Executor configured;
  private final int threads;
  private final ThreadFactory threadFactory;
  private ThreadPoolExecutor own;

  ClientAsyncPgmq(DefaultPgmqClient client, PgmqConfig config) {
    this.client = client;
    this.configured = config.asyncExecutor();
    this.threads = config.poolSize();
    this.threadFactory = config.threadFactory();
  }

  @Override
  public <R> CompletableFuture<R> inTransaction(Function<Pgmq, R> work) {
    Objects.requireNonNull(work, "work");
    return submit(() -> client.inTransaction(work));
  }

  @Override
  public <R> CompletableFuture<R> call(Function<Pgmq, R> operation) {
    Objects.requireNonNull(operation, "operation");
    return submit(() -> operation.apply(client));
  }

  @Override
  public CompletableFuture<Void> run(Consumer<Pgmq> operation) {
    Objects.requireNonNull(operation, "operation");
    return call(
        p -> {
          operation.accept(p);
          return null;
        });
  }

  private <R> CompletableFuture<R> submit(Supplier<R> call) {
    if (client.isClosed()) {
      return CompletableFuture.failedFuture(new IllegalStateException("this PgmqClient is closed"));
    }
    return CompletableFuture.supplyAsync(call, executor());
  }

  private synchronized Executor executor() {
    if (configured != null) {
      return configured;
    }
    if (own == null) {
      own =
          new ThreadPoolExecutor(
              threads,
              threads,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              named(threadFactory));
      own.allowCoreThreadTimeOut(true);
    }
    return own;
  }

  synchronized void close() {
    if (own != null) {
      own.shutdown();
      try {
        own.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Threads of {@code factory} (new daemon threads when {@code null}), named pgmq-async-n. */
  private static ThreadFactory named(ThreadFactory factory) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t;
      if (factory == null) {
        t = new Thread(r);
        t.setDaemon(true);
      } else {
        t = factory.newThread(r);
        if (t == null) {
          return null;
        }
      }
      t.setName("pgmq-async-" + n.incrementAndGet());
      return t;
    };
  }
}
