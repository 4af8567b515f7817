package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.OrderPlaced;
import dev.pgmq.outbox.fixture.Unroutable;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  record Nested(int x) {}

  @Test
  void annotatedTypeIsUsedAsGiven() {
    assertThat(EventTypes.of(OrderPlaced.class)).isEqualTo("order.placed");
    assertThat(EventTypes.versionOf(OrderPlaced.class)).isEqualTo(2);
  }

  @Test
  void defaultTypeIsTheCanonicalClassNameAndVersionOne() {
    assertThat(EventTypes.of(AuditNote.class)).isEqualTo("dev.pgmq.outbox.fixture.AuditNote");
    assertThat(EventTypes.of(Unroutable.class)).isEqualTo("dev.pgmq.outbox.fixture.Unroutable");
    assertThat(EventTypes.versionOf(Unroutable.class)).isEqualTo(1);
  }

  @Test
  void nestedClassesJoinWithADotSoTheTypeIsAValidRoutingKey() {
    assertThat(EventTypes.of(Nested.class)).isEqualTo("dev.pgmq.outbox.EventTypesTest.Nested");
  }
}
