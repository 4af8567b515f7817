package dev.pgmq.jpa.internal;

import java.util.List;
import java.util.Map;

/** Bind values of batch calls: payloads and headers as JSON arrays, ids as a bigint[] literal. */
final class Batches {

  private Batches() {}

  /** Parameters of a send_batch shape: target, messages, [headers], [delay]. */
  static Object[] params(
      JsonCodec codec,
      String target,
      List<?> messages,
      List<? extends Map<String, ?>> headers,
      Object delay) {
    Arguments.nonEmpty(messages, "messages");
    if (headers != null) {
      Arguments.sameSize(headers, messages);
    }
    String payloads = codec.array(messages, "messages");
    Object[] params = new Object[2 + (headers == null ? 0 : 1) + (delay == null ? 0 : 1)];
    int i = 0;
    params[i++] = target;
    params[i++] = payloads;
    if (headers != null) {
      params[i++] = codec.array(headers, "headers");
    }
    if (delay != null) {
      params[i] = delay;
    }
    return params;
  }

  /** {@code msgIds} as a PostgreSQL array literal ({@code {1,2,3}}), checked for nulls. */
  static String idArray(List<Long> msgIds) {
    Arguments.noNulls(msgIds, "msgIds");
    StringBuilder sb = new StringBuilder(2 + msgIds.size() * 8).append('{');
    for (int i = 0, n = msgIds.size(); i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(msgIds.get(i).longValue());
    }
    return sb.append('}').toString();
  }
}
