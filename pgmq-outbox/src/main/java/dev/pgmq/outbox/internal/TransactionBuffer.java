package dev.pgmq.outbox.internal;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

/**
 * One session's events of its current transaction not yet sent: sent at each flush and before
 * completion, discarded after completion; the buffer itself is forgotten when the session ends.
 */
final class TransactionBuffer
    implements BeforeCompletionCallback, AfterCompletionCallback, SessionEventListener {

  private static final long serialVersionUID = 1L;

  private final transient OutboxRuntime runtime;
  private final transient SharedSessionContractImplementor session;
  private transient List<PendingEvent> pending = new ArrayList<>();
  private transient boolean inTransaction;
  private transient boolean sending;
  private transient boolean ranDedupDdl;

  TransactionBuffer(OutboxRuntime runtime, SharedSessionContractImplementor session) {
    this.runtime = runtime;
    this.session = session;
  }

  void add(PendingEvent event) {
    if (!inTransaction) {
      session.getTransactionCompletionCallbacks().registerCallback((BeforeCompletionCallback) this);
      session.getTransactionCompletionCallbacks().registerCallback((AfterCompletionCallback) this);
      inTransaction = true;
    }
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
    pending.clear();
    inTransaction = false;
    if (success && ranDedupDdl) {
      runtime.dedupTableCommitted();
    }
    ranDedupDdl = false;
  }

  @Override
  public void end() {
    runtime.forget(session, this);
  }
}
