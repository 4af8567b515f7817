package dev.pgmq.jpa.internal;

/** The three kinds of FIFO (grouped) read, each with and without poll. */
enum GroupedRead {
  OLDEST_FIRST(
      "read_grouped",
      "FifoMode.OLDEST_GROUP_FIRST",
      PgmqFeature.READ_GROUPED,
      PgmqFeature.READ_GROUPED_WITH_POLL),
  ROUND_ROBIN(
      "read_grouped_rr",
      "FifoMode.ROUND_ROBIN",
      PgmqFeature.READ_GROUPED_RR,
      PgmqFeature.READ_GROUPED_RR_WITH_POLL),
  HEAD(
      "read_grouped_head",
      "FifoMode.HEADS_ONLY",
      PgmqFeature.READ_GROUPED_HEAD,
      PgmqFeature.READ_GROUPED_HEAD_WITH_POLL);

  private final String function;
  private final String operation;
  private final PgmqFeature feature;
  private final PgmqFeature pollFeature;
  private final String sql;
  private final String pollSql;

  GroupedRead(String function, String operation, PgmqFeature feature, PgmqFeature pollFeature) {
    this.function = function;
    this.operation = operation;
    this.feature = feature;
    this.pollFeature = pollFeature;
    this.sql = PgmqSql.grouped(function);
    this.pollSql = PgmqSql.groupedWithPoll(function + "_with_poll");
  }

  String function(boolean withPoll) {
    return withPoll ? function + "_with_poll" : function;
  }

  String operation(boolean withPoll) {
    return "readBatch(" + operation + (withPoll ? ", with poll)" : ")");
  }

  PgmqFeature feature(boolean withPoll) {
    return withPoll ? pollFeature : feature;
  }

  String sql(boolean withPoll) {
    return withPoll ? pollSql : sql;
  }
}
