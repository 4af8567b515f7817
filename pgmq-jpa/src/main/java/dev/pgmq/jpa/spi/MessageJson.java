package dev.pgmq.jpa.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.jpa.internal.JsonCodec;

/**
 * Payload JSON as the {@link dev.pgmq.jpa.Pgmq} operations read and check it, for modules that hold
 * a message's JSON text themselves (a consumer decoding on demand, an outbox encoding its events):
 * decoding into a type with the configured mapper, trees read exactly (decimals as {@code
 * BigDecimal}, trailing zeros kept, whatever the mapper's settings), and the check that a text can
 * be stored as given. Thread-safe.
 */
public final class MessageJson {

  private final JsonCodec codec;

  private MessageJson(JsonCodec codec) {
    this.codec = codec;
  }

  /** The codec of {@code mapper} (typically {@code PgmqConfig.objectMapper()}). */
  public static MessageJson of(ObjectMapper mapper) {
    return new MessageJson(new JsonCodec(mapper));
  }

  /**
   * Decodes {@code json} as {@code type}, straight from the text; {@code null} stays {@code null}.
   *
   * @param msgId the message's id, for the error message
   * @throws PgmqSerializationException when the text is not a {@code type}
   */
  public <T> T read(String json, Class<T> type, long msgId) {
    return codec.read(json, codec.type(type), msgId);
  }

  /**
   * Decodes {@code json} as a tree, every number exactly as written; {@code null} stays {@code
   * null}.
   *
   * @param msgId the message's id, for the error message
   * @throws PgmqSerializationException when the text is not JSON
   */
  public JsonNode readTree(String json, long msgId) {
    return codec.read(json, JsonCodec.jsonNode(), msgId);
  }

  /**
   * Returns {@code json} when it can be stored as given: an unpaired UTF-16 surrogate has no UTF-8
   * form, so the driver would replace it with {@code '?'} and the message would change silently.
   *
   * @throws PgmqSerializationException naming {@code what} and the position of the surrogate
   */
  public static String requireEncodable(String json, String what) {
    for (int i = 0, n = json.length(); i < n; i++) {
      char c = json.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(json.charAt(i + 1))) {
        i++;
        continue;
      }
      throw new PgmqSerializationException(
          what
              + " contains an unpaired UTF-16 surrogate (U+"
              + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
              + ") at index "
              + i
              + " of its JSON text; it has no UTF-8 encoding and would not be stored as given",
          null);
    }
    return json;
  }
}
