package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.DeadLetterHeaders;
import dev.pgmq.outbox.consumer.MessageGoneException;
import dev.pgmq.outbox.consumer.spi.MessageOutcome;
import dev.pgmq.outbox.consumer.spi.ProcessingScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Handles a worker's whole read with the {@link dev.pgmq.outbox.consumer.BatchHandler}: the handler
 * and one {@code delete}/{@code archive} of the batch in one transaction. Messages read too often,
 * or whose payload cannot be decoded, are dead-lettered one by one first; when the transaction
 * fails, every message of the batch takes the failure path of a single message (retry with backoff,
 * or dead letter).
 */
final class BatchProcessor {

  private final ConsumerSettings settings;
  private final Listeners listeners;
  private final MessageProcessor single;

  BatchProcessor(ConsumerSettings settings, Listeners listeners, MessageProcessor single) {
    this.settings = settings;
    this.listeners = listeners;
    this.single = single;
  }

  void process(List<Message<RawValue>> batch, InFlight held) {
    HandlerRegistry.Batch<?> handler = settings.handlers().batch();
    String queue = settings.queue();
    List<Delivery> ready = new ArrayList<>(batch.size());
    List<Message<?>> decoded = new ArrayList<>(batch.size());
    List<ProcessingScope> scopes = new ArrayList<>(batch.size());
    for (Message<RawValue> read : batch) {
      Delivery message = single.delivery(read);
      ProcessingScope scope = listeners.onStart(queue, message);
      listeners.onReceived(queue, message);
      if (message.readCt() > settings.maxAttempts()) {
        held.remove(message.msgId());
        scope.end(single.deadLetter(message, DeadLetterHeaders.REASON_REDELIVERED, null), null);
        continue;
      }
      try {
        decoded.add(handler.decode(message));
      } catch (PgmqSerializationException undecodable) {
        held.remove(message.msgId());
        listeners.onFailed(queue, message, undecodable, Duration.ZERO, null);
        MessageOutcome outcome =
            single.deadLetter(message, DeadLetterHeaders.REASON_NON_RETRYABLE, undecodable);
        scope.end(outcome, undecodable);
        continue;
      }
      ready.add(message);
      scopes.add(scope);
    }
    if (ready.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    Throwable error = null;
    try {
      settings.transactionRunner().inTransaction(em -> handleAndAck(em, handler, ready, decoded));
    } catch (Throwable failure) { // errors too: a handler bug must not kill the worker thread
      error = failure;
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    for (int i = 0; i < ready.size(); i++) {
      Delivery message = ready.get(i);
      held.remove(message.msgId());
      MessageOutcome outcome;
      if (error == null) {
        listeners.onProcessed(queue, message, duration);
        outcome = MessageOutcome.PROCESSED;
      } else {
        outcome = single.failed(message, error, duration, () -> {});
      }
      scopes.get(i).end(outcome, error);
    }
  }

  private Void handleAndAck(
      jakarta.persistence.EntityManager em,
      HandlerRegistry.Batch<?> handler,
      List<Delivery> ready,
      List<Message<?>> decoded)
      throws Exception {
    handler.invoke(decoded, em);
    List<Long> ids = new ArrayList<>(ready.size());
    ready.forEach(m -> ids.add(m.msgId()));
    Pgmq pgmq = Pgmq.using(em, settings.config());
    List<Long> acked =
        settings.ackMode() == AckMode.ARCHIVE
            ? pgmq.archiveBatch(settings.queue(), ids)
            : pgmq.deleteBatch(settings.queue(), ids);
    if (acked.size() != ids.size()) {
      Set<Long> missing = new HashSet<>(ids);
      acked.forEach(missing::remove);
      throw new MessageGoneException(settings.queue(), missing.iterator().next());
    }
    return null;
  }
}
