package dev.pgmq.jpa.internal;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static inserts that write PGMQ's own row into {@code pgmq.q_<queue>}: {@code vt} = {@code
 * clock_timestamp()} taken once per statement (as {@code send_batch} does), {@code message}, {@code
 * headers}; {@code msg_id}, {@code read_ct} and {@code enqueued_at} from the table's defaults. Two
 * shapes per queue, so the driver's server-side prepared statements are reused whatever the batch
 * size. Thread-safe.
 */
final class QueueTable {

  private final ConcurrentHashMap<String, String[]> statements = new ConcurrentHashMap<>();

  /** The table's name in {@code pg_class} (PGMQ folds to lower case). */
  static String relationName(String queue) {
    return "q_" + queue.toLowerCase(Locale.ROOT);
  }

  /** The insert for {@code rows} rows: one row bound as two jsonb, or two jsonb[] unnested. */
  String insert(String queue, int rows) {
    String[] sql = statements.computeIfAbsent(queue, QueueTable::shapes);
    return rows == 1 ? sql[0] : sql[1];
  }

  private static String[] shapes(String queue) {
    String table = "pgmq.\"" + relationName(queue) + "\"";
    return new String[] {
      "insert into "
          + table
          + " (vt, message, headers)"
          + " values (clock_timestamp(), ?::jsonb, ?::jsonb) returning msg_id",
      "insert into "
          + table
          + " (vt, message, headers)"
          + " select (select clock_timestamp()), b.m, b.h"
          + " from unnest(?::jsonb[], ?::jsonb[]) with ordinality as b(m, h, n)"
          + " order by b.n returning msg_id"
    };
  }
}
