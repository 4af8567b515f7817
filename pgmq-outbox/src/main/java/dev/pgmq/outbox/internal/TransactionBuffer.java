package dev.pgmq.outbox.internal;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.transaction.spi.TransactionStatus;

/**
 * One session's events of its current transaction not yet sent: sent at each flush and before
 * completion, discarded after completion; the buffer itself is forgotten when the session ends.
 *
 * <p>It joins the transaction as one of the session's local synchronizations: Hibernate calls them
 * after its own before-completion flush (still inside the transaction, resource-local and JTA
 * alike) and forgets them after completion. That hook has the same shape from Hibernate 6.6 to the
 * newest 7.x, unlike the action-queue callbacks (replaced in 7.2, removed in 7.4).
 */
final class TransactionBuffer implements Synchronization, SessionEventListener {

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
      session.getTransactionCoordinator().getLocalSynchronizations().registerSynchronization(this);
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
  public void beforeCompletion() {
    // under JTA this also runs after a failed flush (the transaction is then marked for rollback):
    // sending would only hide the flush's error
    if (session.getTransactionCoordinator().getTransactionDriverControl().getStatus()
        == TransactionStatus.MARKED_ROLLBACK) {
      return;
    }
    flush();
  }

  @Override
  public void afterCompletion(int status) {
    boolean success = status == Status.STATUS_COMMITTED;
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
