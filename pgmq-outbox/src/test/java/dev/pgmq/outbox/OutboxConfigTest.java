package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.outbox.spi.QueueRouter;
import org.junit.jupiter.api.Test;

class OutboxConfigTest {

  @Test
  void defaultsAreAnnotationRoutingWithGroupingAndNoDedup() {
    OutboxConfig config = OutboxConfig.defaults();
    assertThat(config.router()).isSameAs(QueueRouter.annotations());
    assertThat(config.defaultQueue()).isNull();
    assertThat(config.groupByAggregate()).isTrue();
    assertThat(config.requireTopicBinding()).isTrue();
    assertThat(config.dedup()).isFalse();
    assertThat(config.dedupTable()).isEqualTo("pgmq_outbox_dedup");
    assertThat(config.traceContext().current()).isNull();
  }

  @Test
  void invalidDefaultQueueIsRejectedNamingTheProperty() {
    assertThatThrownBy(() -> OutboxConfig.builder().defaultQueue("Orders!").build())
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageStartingWith("defaultQueue");
  }

  @Test
  void invalidDedupTableIsRejectedNamingTheProperty() {
    assertThatThrownBy(() -> OutboxConfig.builder().dedupTable("x; drop table y").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dedupTable");
  }

  @Test
  void schemaQualifiedDedupTableIsAccepted() {
    assertThat(OutboxConfig.builder().dedupTable("app.outbox_seen").build().dedupTable())
        .isEqualTo("app.outbox_seen");
  }
}
