package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.spi.MessageJson;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.DeadLetterHeaders;
import dev.pgmq.outbox.consumer.MessageGoneException;
import dev.pgmq.outbox.consumer.spi.MessageOutcome;
import dev.pgmq.outbox.consumer.spi.ProcessingScope;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one message: handler and acknowledgement in one transaction; on failure a backoff through
 * {@code set_vt}, or a move to the dead-letter queue.
 */
final class MessageProcessor {

  /** What became of a message. */
  enum Outcome {
    /** Acknowledged or dead-lettered. */
    DONE,
    /** Still in the queue, invisible until its next attempt (or visible again). */
    RETRY,
    /** Already acknowledged by someone else. */
    GONE
  }

  private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

  private final ConsumerSettings settings;
  private final Listeners listeners;
  private final FailureClassifier classifier;
  private final BooleanSupplier abandoned;
  private final MessageJson codec;
  private final BatchProcessor batches;

  MessageProcessor(ConsumerSettings settings, Listeners listeners, BooleanSupplier abandoned) {
    this.settings = settings;
    this.listeners = listeners;
    this.classifier = new FailureClassifier(settings.nonRetryable());
    this.abandoned = abandoned;
    this.codec = MessageJson.of(settings.config().objectMapper());
    this.batches = new BatchProcessor(settings, listeners, this);
  }

  /**
   * Processes {@code read}, letting go of it in {@code held} before changing its visibility. {@code
   * beforeRetry} runs when the message stays in the queue for another attempt, before it becomes
   * visible again or gets its backoff.
   */
  Outcome process(Message<RawValue> read, InFlight held, Runnable beforeRetry) {
    Delivery message = delivery(read);
    String queue = settings.queue();
    ProcessingScope scope = listeners.onStart(queue, message);
    MessageOutcome outcome = MessageOutcome.RETRIED;
    Throwable error = null;
    try {
      listeners.onReceived(queue, message);
      if (message.readCt() > settings.maxAttempts()) {
        held.remove(message.msgId());
        outcome = deadLetter(message, DeadLetterHeaders.REASON_REDELIVERED, null);
        return outcome(outcome);
      }
      long start = System.nanoTime();
      try {
        settings.transactionRunner().inTransaction(em -> handleAndAck(em, message));
      } catch (Throwable failure) { // errors too: a handler bug must not kill the worker thread
        held.remove(message.msgId());
        error = failure;
        outcome =
            failed(message, failure, Duration.ofNanos(System.nanoTime() - start), beforeRetry);
        return outcome(outcome);
      }
      held.remove(message.msgId());
      outcome = MessageOutcome.PROCESSED;
      listeners.onProcessed(queue, message, Duration.ofNanos(System.nanoTime() - start));
      return Outcome.DONE;
    } finally {
      scope.end(outcome, error);
    }
  }

  private static Outcome outcome(MessageOutcome outcome) {
    return switch (outcome) {
      case PROCESSED, DEAD_LETTERED -> Outcome.DONE;
      case RETRIED, RELEASED -> Outcome.RETRY;
      case GONE -> Outcome.GONE;
    };
  }

  private Void handleAndAck(jakarta.persistence.EntityManager em, Delivery message)
      throws Exception {
    Pgmq pgmq = Pgmq.using(em, settings.config());
    String eventType = message.header(settings.handlers().eventTypeHeader());
    settings
        .handlers()
        .dispatch(new DefaultMessageContext(settings.queue(), message, em, pgmq, eventType));
    boolean acked =
        settings.ackMode() == AckMode.ARCHIVE
            ? pgmq.archive(settings.queue(), message.msgId())
            : pgmq.delete(settings.queue(), message.msgId());
    if (!acked) {
      throw new MessageGoneException(settings.queue(), message.msgId());
    }
    return null;
  }

  /** The processor of whole batches, for a consumer with a batch handler. */
  BatchProcessor batches() {
    return batches;
  }

  /** The worker's view of {@code read}. */
  Delivery delivery(Message<RawValue> read) {
    return new Delivery(read, codec);
  }

  /** After a failed attempt: retry with backoff, or dead-letter; the outcome. */
  MessageOutcome failed(
      Delivery message, Throwable error, Duration duration, Runnable beforeRetry) {
    String queue = settings.queue();
    if (error instanceof MessageGoneException) {
      LOG.info("{}", error.getMessage());
      listeners.onFailed(queue, message, error, duration, null);
      return MessageOutcome.GONE;
    }
    if (abandoned.getAsBoolean()) {
      beforeRetry.run();
      release(message);
      listeners.onFailed(queue, message, error, duration, Duration.ZERO);
      return MessageOutcome.RELEASED;
    }
    if (classifier.isNonRetryable(error)) {
      listeners.onFailed(queue, message, error, duration, null);
      return deadLetter(message, DeadLetterHeaders.REASON_NON_RETRYABLE, error);
    }
    if (message.readCt() >= settings.maxAttempts()) {
      listeners.onFailed(queue, message, error, duration, null);
      return deadLetter(message, DeadLetterHeaders.REASON_MAX_ATTEMPTS, error);
    }
    Duration delay = settings.backoff().delay(message.readCt());
    LOG.debug(
        "message {} of '{}' failed (attempt {} of {}), retrying in {}",
        message.msgId(),
        queue,
        message.readCt(),
        settings.maxAttempts(),
        delay,
        error);
    beforeRetry.run();
    try {
      Instant visibleAt = Instant.now().plus(delay);
      Transactions.call(
          settings.transactionRunner(),
          em -> Pgmq.using(em, settings.config()).setVt(queue, message.msgId(), visibleAt));
    } catch (RuntimeException e) {
      LOG.warn(
          "could not delay message {} of '{}'; it reappears after its visibility timeout",
          message.msgId(),
          queue,
          e);
    }
    listeners.onFailed(queue, message, error, duration, delay);
    return MessageOutcome.RETRIED;
  }

  /** Moves the message to the dead-letter queue; the outcome. */
  MessageOutcome deadLetter(Delivery message, String reason, Throwable error) {
    String queue = settings.queue();
    String dlq = settings.deadLetterQueue();
    try {
      Transactions.call(
          settings.transactionRunner(),
          em -> {
            DeadLetterMover.deadLetter(
                Pgmq.using(em, settings.config()), queue, dlq, message.raw(), reason, error);
            return null;
          });
    } catch (MessageGoneException gone) {
      return MessageOutcome.GONE;
    } catch (RuntimeException e) {
      LOG.error(
          "could not move message {} of '{}' to '{}'; it reappears after its visibility timeout",
          message.msgId(),
          queue,
          dlq,
          e);
      return MessageOutcome.RETRIED;
    }
    LOG.warn(
        "message {} of '{}' moved to '{}' ({}) after {} attempt(s)",
        message.msgId(),
        queue,
        dlq,
        reason,
        message.readCt(),
        error);
    listeners.onDeadLettered(queue, message, dlq, reason, error);
    return MessageOutcome.DEAD_LETTERED;
  }

  /** Makes the message visible at once. */
  void release(Delivery message) {
    boolean interrupted = Thread.interrupted(); // a pool would refuse an interrupted thread
    try {
      Transactions.call(
          settings.transactionRunner(),
          em ->
              Pgmq.using(em, settings.config())
                  .setVt(settings.queue(), message.msgId(), Duration.ZERO));
    } catch (RuntimeException e) {
      LOG.warn(
          "could not release message {} of '{}'; it reappears after its visibility timeout",
          message.msgId(),
          settings.queue(),
          e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
