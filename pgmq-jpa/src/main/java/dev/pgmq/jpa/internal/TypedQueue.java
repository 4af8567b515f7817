package dev.pgmq.jpa.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqQueue;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link PgmqQueue} over the operations it came from: name and payload type bound once. */
final class TypedQueue<T> implements PgmqQueue<T> {

  private final PgmqOperations pgmq;
  private final String name;
  private final JavaType type;

  TypedQueue(PgmqOperations pgmq, String name, JavaType type) {
    this.pgmq = pgmq;
    this.name = name;
    this.type = type;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long send(T message) {
    return pgmq.call(Calls.send(name, Sends.one(pgmq.codec, name, message, SendOptions.NONE)));
  }

  @Override
  public long send(T message, SendOptions options) {
    return pgmq.call(Calls.send(name, Sends.one(pgmq.codec, name, message, options)));
  }

  @Override
  public List<Long> sendBatch(List<? extends T> messages) {
    return pgmq.call(
        Calls.sendBatch(
            name, Sends.batch(pgmq.codec, name, messages, null, SendOptions.NONE, false)));
  }

  @Override
  public List<Long> sendBatch(List<? extends T> messages, SendOptions options) {
    return pgmq.call(
        Calls.sendBatch(name, Sends.batch(pgmq.codec, name, messages, options, false)));
  }

  @Override
  public Optional<Message<T>> read() {
    return read(Pgmq.DEFAULT_VT);
  }

  @Override
  public Optional<Message<T>> read(Duration vt) {
    return PgmqOperations.first(pgmq.fetch(name, Reads.read(name, vt, 1), type));
  }

  @Override
  public List<Message<T>> readBatch(Duration vt, int qty) {
    return pgmq.fetch(name, Reads.read(name, vt, qty), type);
  }

  @Override
  public List<Message<T>> readBatch(ReadOptions options) {
    return pgmq.fetch(name, Reads.of(name, options, pgmq.codec), type);
  }

  @Override
  public Optional<Message<T>> pop() {
    return PgmqOperations.first(pgmq.fetch(name, Reads.pop(name), type));
  }

  @Override
  public boolean setVt(long msgId, Duration vt) {
    return !pgmq.call(Calls.setVt(name, msgId, vt, pgmq.raw)).isEmpty();
  }

  @Override
  public boolean delete(long msgId) {
    return pgmq.call(Calls.delete(name, msgId));
  }

  @Override
  public List<Long> deleteBatch(List<Long> msgIds) {
    return pgmq.call(Calls.deleteBatch(name, msgIds));
  }

  @Override
  public boolean archive(long msgId) {
    return pgmq.call(Calls.archive(name, msgId));
  }

  @Override
  public List<Long> archiveBatch(List<Long> msgIds) {
    return pgmq.call(Calls.archiveBatch(name, msgIds));
  }

  @Override
  public QueueMetrics metrics() {
    return pgmq.call(Calls.metrics(name));
  }

  @Override
  public String toString() {
    return "PgmqQueue[" + name + ", " + type + "]";
  }
}
