package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.PgmqConfig;

/** Shares one {@link JsonCodec} per configuration, so {@code Pgmq.using(em)} stays cheap. */
final class JsonCodecs {

  private static volatile Entry last;

  private JsonCodecs() {}

  static JsonCodec of(PgmqConfig config) {
    Entry e = last;
    if (e != null && e.config == config) {
      return e.codec;
    }
    JsonCodec codec = new JsonCodec(config.objectMapper());
    last = new Entry(config, codec);
    return codec;
  }

  private record Entry(PgmqConfig config, JsonCodec codec) {}
}
