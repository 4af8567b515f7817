package dev.pgmq.jpa.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.jpa.spi.MessageJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Payloads and headers to and from JSON text with the configured Jackson mapper. Trees ({@link
 * JsonNode}) are always read exactly (decimals as {@code BigDecimal}, trailing zeros kept),
 * whatever the mapper's settings; {@link RawValue} reads the stored JSON text unparsed.
 */
public final class JsonCodec {

  private static final JavaType JSON_NODE =
      com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance()
          .constructType(JsonNode.class);

  private final ObjectMapper mapper;
  private final ObjectWriter writer;
  private final ObjectReader trees;

  /** Over {@code mapper}. */
  public JsonCodec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "objectMapper");
    this.writer = mapper.writer();
    this.trees = exactTrees(mapper);
  }

  /**
   * A reader of {@link JsonNode} trees from {@code mapper} that keeps every number exactly as
   * written: floating-point numbers as {@code BigDecimal} (never rounded through {@code double}),
   * trailing zeros kept ({@code 99.90} stays {@code 99.90}), whatever the mapper's own settings.
   */
  public static ObjectReader exactTrees(ObjectMapper mapper) {
    return mapper
        .readerFor(JsonNode.class)
        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }

  /** The Jackson type of {@code type}. */
  public JavaType type(Class<?> type) {
    Objects.requireNonNull(type, "type");
    return type == JsonNode.class ? JSON_NODE : mapper.constructType(type);
  }

  /** The Jackson type of {@code type}. */
  public JavaType type(TypeReference<?> type) {
    Objects.requireNonNull(type, "type");
    return mapper.constructType(type);
  }

  /** The type of raw payloads. */
  public static JavaType jsonNode() {
    return JSON_NODE;
  }

  /** One payload as JSON text; {@code null} payloads are rejected. */
  public String payload(Object message) {
    Objects.requireNonNull(message, "message");
    return write(message, "message");
  }

  /** A header map as JSON text (a JSON object); {@code null} stays {@code null}. */
  public String headers(Map<String, ?> headers) {
    return headers == null ? null : write(headers, "headers");
  }

  /** A filter for conditional reads, as JSON text. */
  public String conditional(Object conditional) {
    Objects.requireNonNull(conditional, "conditional");
    return write(conditional, "conditional");
  }

  /** A list (of payloads or header maps) as one JSON array text. */
  public String array(List<?> values, String name) {
    return write(values, name);
  }

  private String write(Object value, String what) {
    try {
      return MessageJson.requireEncodable(writer.writeValueAsString(value), what);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PgmqSerializationException(
          "could not write " + what + " of type " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Reads a payload column (JSON text, or whatever the driver returned) as {@code type}: straight
   * from the text, no intermediate tree; a {@link JsonNode} exactly (see {@link
   * #exactTrees(ObjectMapper)}); a {@link RawValue} as the text itself.
   */
  @SuppressWarnings("unchecked")
  public <T> T read(Object raw, JavaType type, long msgId) {
    try {
      if (raw == null) {
        return null;
      }
      Class<?> target = type.getRawClass();
      if (raw instanceof String text) {
        if (target == RawValue.class) {
          return (T) new RawValue(text);
        }
        if (JsonNode.class.isAssignableFrom(target)) {
          JsonNode tree = trees.readValue(text);
          return (T) target.cast(tree);
        }
        return mapper.readValue(text, type);
      }
      return mapper.convertValue(raw, type);
    } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
      throw new PgmqSerializationException(
          "could not read message " + msgId + " as " + type.toCanonical(), e);
    }
  }

  /** Reads a headers column as a tree; {@code null} when absent. */
  public JsonNode headersTree(Object raw, long msgId) {
    return raw == null ? null : read(raw, JSON_NODE, msgId);
  }
}
