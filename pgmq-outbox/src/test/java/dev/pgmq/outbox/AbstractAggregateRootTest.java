package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import org.junit.jupiter.api.Test;

class AbstractAggregateRootTest {

  @Test
  void eventsAreKeptInRegistrationOrderUntilCleared() {
    PurchaseOrder order = new PurchaseOrder("x");
    AuditNote first = order.raise(new AuditNote("1"));
    AuditNote second = order.raise(new AuditNote("2"));
    assertThat(order.domainEvents()).containsExactly(first, second);
    order.clearDomainEvents();
    assertThat(order.domainEvents()).isEmpty();
  }

  @Test
  void pendingEventsCannotBeModifiedFromOutside() {
    PurchaseOrder order = new PurchaseOrder("x");
    order.raise(new AuditNote("1"));
    assertThatThrownBy(() -> order.domainEvents().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullEventIsRejected() {
    assertThatThrownBy(() -> new PurchaseOrder("x").raise(null))
        .isInstanceOf(NullPointerException.class);
  }
}
