package dev.pgmq.jpa.internal;

/** A PGMQ function newer than 1.5, with the version that introduced it and how to detect it. */
enum PgmqFeature {
  /** {@code pop(queue, qty)}. */
  POP_QTY("1.7", "pgmq.pop(text,integer)"),
  /** Insert notifications with a throttle. */
  NOTIFY_INSERT("1.8", "pgmq.enable_notify_insert(text,integer)"),
  /** Listing the queues that have insert notifications. */
  LIST_NOTIFY_INSERT_THROTTLES("1.11", "pgmq.list_notify_insert_throttles()"),
  /** Disabling insert notifications. */
  DISABLE_NOTIFY_INSERT("1.7", "pgmq.disable_notify_insert(text)"),
  /** {@code set_vt} for many ids. */
  SET_VT_BATCH("1.8", "pgmq.set_vt(text,bigint[],integer)"),
  /** {@code set_vt} to an absolute time. */
  SET_VT_TIMESTAMP("1.10", "pgmq.set_vt(text,bigint,timestamptz)"),
  /** {@code set_vt} for many ids to an absolute time. */
  SET_VT_BATCH_TIMESTAMP("1.10", "pgmq.set_vt(text,bigint[],timestamptz)"),
  /** FIFO reads. */
  READ_GROUPED("1.9", "pgmq.read_grouped(text,integer,integer)"),
  /** FIFO reads with poll. */
  READ_GROUPED_WITH_POLL(
      "1.9", "pgmq.read_grouped_with_poll(text,integer,integer,integer,integer)"),
  /** Round-robin FIFO reads. */
  READ_GROUPED_RR("1.9", "pgmq.read_grouped_rr(text,integer,integer)"),
  /** Round-robin FIFO reads with poll. */
  READ_GROUPED_RR_WITH_POLL(
      "1.9", "pgmq.read_grouped_rr_with_poll(text,integer,integer,integer,integer)"),
  /** Head-of-group reads. */
  READ_GROUPED_HEAD("1.11.1", "pgmq.read_grouped_head(text,integer,integer)"),
  /** Head-of-group reads with poll. */
  READ_GROUPED_HEAD_WITH_POLL(
      "1.11.2", "pgmq.read_grouped_head_with_poll(text,integer,integer,integer,integer)"),
  /** Topic routing. */
  TOPICS("1.11", "pgmq.bind_topic(text,text)");

  private final String since;
  private final String signature;

  PgmqFeature(String since, String signature) {
    this.since = since;
    this.signature = signature;
  }

  /** The first PGMQ version that has it. */
  String since() {
    return since;
  }

  /** The function signature, as {@code to_regprocedure} takes it. */
  String signature() {
    return signature;
  }
}
