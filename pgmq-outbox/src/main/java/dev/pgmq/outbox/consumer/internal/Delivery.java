package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.spi.MessageJson;

/**
 * One message as a worker read it: the payload is the stored JSON text, decoded straight into the
 * handler's type once; the {@link JsonNode} view ({@link #tree()}) is decoded, exactly, only when a
 * handler, its context or a listener asks for it. Confined to the worker thread.
 */
final class Delivery {

  private final Message<RawValue> raw;
  private final long msgId;
  private final int readCt;
  private final MessageJson codec;
  private Message<JsonNode> tree;

  Delivery(Message<RawValue> raw, MessageJson codec) {
    this.raw = raw;
    this.msgId = raw.msgId();
    this.readCt = raw.readCt();
    this.codec = codec;
  }

  /** The message with its payload as the stored JSON text. */
  Message<RawValue> raw() {
    return raw;
  }

  long msgId() {
    return msgId;
  }

  int readCt() {
    return readCt;
  }

  String header(String name) {
    return raw.header(name);
  }

  /** The payload as JSON text, or {@code null} for an SQL {@code NULL} payload. */
  String json() {
    return raw.message() == null ? null : (String) raw.message().rawValue();
  }

  /** The payload decoded as {@code type}, straight from the JSON text. */
  <T> T payload(Class<T> type) {
    if (type.isAssignableFrom(JsonNode.class)) {
      return type.cast(tree().message());
    }
    return codec.read(json(), type, raw.msgId());
  }

  /** The message with its payload as an exact JSON tree, decoded on first use. */
  Message<JsonNode> tree() {
    if (tree == null) {
      tree = withPayload(codec.readTree(json(), raw.msgId()));
    }
    return tree;
  }

  /** The message with {@code payload} in place of the JSON text. */
  <T> Message<T> withPayload(T payload) {
    return new Message<>(
        raw.msgId(),
        raw.readCt(),
        raw.enqueuedAt(),
        raw.lastReadAt(),
        raw.vt(),
        payload,
        raw.headers());
  }
}
