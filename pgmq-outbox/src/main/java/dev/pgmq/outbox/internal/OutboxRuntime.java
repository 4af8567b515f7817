package dev.pgmq.outbox.internal;

import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.outbox.OutboxConfig;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The outbox of one session factory: its configuration and the event buffers of its open sessions.
 * Thread-safe.
 */
public final class OutboxRuntime {

  private final OutboxConfig config;
  private final MessagePreparer preparer;
  private final EventSender sender;
  private final DedupTable dedup;
  private final ConcurrentHashMap<SharedSessionContractImplementor, TransactionBuffer> buffers =
      new ConcurrentHashMap<>();

  /** The runtime for {@code config}. */
  public OutboxRuntime(OutboxConfig config) {
    this.config = config;
    this.preparer = new MessagePreparer(config);
    this.sender = new EventSender(config.requireTopicBinding(), config.directInsert());
    this.dedup = config.dedup() ? new DedupTable(config.dedupTable()) : null;
  }

  /** The configuration. */
  public OutboxConfig config() {
    return config;
  }

  /** Buffers {@code event} in the session's transaction, which must be active. */
  public void add(SharedSessionContractImplementor session, PendingEvent event) {
    buffer(session).add(event);
  }

  /** Sends the events the session's transaction has buffered; called at the end of each flush. */
  public void flush(SharedSessionContractImplementor session) {
    if (buffers.isEmpty()) {
      return;
    }
    TransactionBuffer buffer = buffers.get(session);
    if (buffer != null) {
      buffer.flush();
    }
  }

  /** How many open sessions have a buffer now (for leak checks in tests). */
  public int openBuffers() {
    return buffers.size();
  }

  private TransactionBuffer buffer(SharedSessionContractImplementor session) {
    if (!session.isTransactionInProgress()) {
      throw new NoActiveTransactionException(
          "publishing an outbox event needs an active transaction on the EntityManager");
    }
    TransactionBuffer buffer = buffers.get(session);
    if (buffer != null) {
      return buffer;
    }
    buffer = new TransactionBuffer(this, session);
    session.getEventListenerManager().addListener(buffer);
    buffers.put(session, buffer);
    return buffer;
  }

  void send(
      SharedSessionContractImplementor session, List<PendingEvent> pending, TransactionBuffer tx) {
    SendSpans spans = new SendSpans(config.traceContext());
    try {
      List<OutboundMessage> messages = preparer.prepare(pending, spans);
      session.doWork(
          connection -> {
            List<OutboundMessage> toSend = messages;
            if (dedup != null) {
              if (dedup.ensure(connection)) {
                tx.ranDedupDdl();
              }
              toSend = dedup.keepNew(connection, messages);
            }
            sender.send(connection, toSend);
          });
    } catch (RuntimeException | Error e) {
      spans.end(e);
      throw e;
    }
    spans.end(null);
  }

  void forget(SharedSessionContractImplementor session, TransactionBuffer buffer) {
    buffers.remove(session, buffer);
  }

  void dedupTableCommitted() {
    dedup.markEnsured();
  }
}
