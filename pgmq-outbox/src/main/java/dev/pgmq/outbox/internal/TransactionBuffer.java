package dev.pgmq.outbox.internal;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

/**
 * The events of one session's current transaction not yet sent; sent at each flush and before
 * completion, forgotten after completion.
 */
final class TransactionBuffer implements BeforeCompletionCallback, AfterCompletionCallback {

  private final OutboxRuntime runtime;
  private final SharedSessionContractImplementor session;
  private List<PendingEvent> pending = new ArrayList<>();
  private boolean sending;
  private boolean ranDedupDdl;

  TransactionBuffer(OutboxRuntime runtime, SharedSessionContractImplementor session) {
    this.runtime = runtime;
    this.session = session;
  }

  void add(PendingEvent event) {
    pending.add(event);
  }

  /** Sends what is pending, unless already sending (no re-entry from inside the send). */
  void flush() {
    if (sending || pending.isEmpty()) {
      return;
    }
    sending = true;
    try {
      List<PendingEvent> batch = pending;
      pending = new ArrayList<>();
      runtime.send(session, batch, this);
    } finally {
      sending = false;
    }
  }

  void ranDedupDdl() {
    ranDedupDdl = true;
  }

  @Override
  public void doBeforeTransactionCompletion(SharedSessionContractImplementor s) {
    flush();
  }

  @Override
  public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor s) {
    runtime.forget(session, this, success && ranDedupDdl);
  }
}
