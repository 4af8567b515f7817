package dev.pgmq.jpa;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One queue whose payloads are {@code T}: the repository of a queue in application code, with the
 * name and the payload type bound once.
 *
 * <pre>{@code
 * PgmqQueue<OrderPlaced> orders = pgmq.queue("orders", OrderPlaced.class);
 * orders.send(new OrderPlaced(42));
 * orders.read(Duration.ofSeconds(30)).ifPresent(m -> orders.delete(m.msgId()));
 * }</pre>
 *
 * <p>Obtained from {@link Pgmq#queue(String, Class)}: every call runs as the {@code Pgmq} it came
 * from runs it (inside the caller's transaction for {@link Pgmq#using}, a transaction of its own
 * for a {@link PgmqClient}), with the same argument checks, results and errors. Thread-safe when
 * that {@code Pgmq} is.
 *
 * @param <T> the payload type
 */
public interface PgmqQueue<T> {

  /** The queue's name. */
  String name();

  /** Sends one message, visible at once; its id. */
  long send(T message);

  /** Sends one message with headers and/or a delay or instant. */
  long send(T message, SendOptions options);

  /** Sends messages in one statement; their ids in order. */
  List<Long> sendBatch(List<? extends T> messages);

  /** Sends messages with the same headers and/or a delay or instant. */
  List<Long> sendBatch(List<? extends T> messages, SendOptions options);

  /** Reads the oldest visible message, hidden for {@link Pgmq#DEFAULT_VT}. */
  Optional<Message<T>> read();

  /** Reads the oldest visible message, hidden for {@code vt}. */
  Optional<Message<T>> read(Duration vt);

  /** Reads up to {@code qty} visible messages, hidden for {@code vt}. */
  List<Message<T>> readBatch(Duration vt, int qty);

  /** A read with every option (poll, filter, FIFO mode). */
  List<Message<T>> readBatch(ReadOptions options);

  /** Reads and deletes the oldest visible message. */
  Optional<Message<T>> pop();

  /** Hides a message for {@code vt} from now; whether it exists. */
  boolean setVt(long msgId, Duration vt);

  /** Deletes a message; {@code false} when there was none. */
  boolean delete(long msgId);

  /** Deletes messages; the ids deleted. */
  List<Long> deleteBatch(List<Long> msgIds);

  /** Archives a message; {@code false} when there was none. */
  boolean archive(long msgId);

  /** Archives messages; the ids archived. */
  List<Long> archiveBatch(List<Long> msgIds);

  /** This queue's metrics. */
  QueueMetrics metrics();
}
