package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.OrderShipped;
import dev.pgmq.outbox.fixture.Unroutable;
import dev.pgmq.outbox.spi.Destination;
import dev.pgmq.outbox.spi.QueueRouter;
import org.junit.jupiter.api.Test;

class QueueRouterTest {

  @Test
  void annotationsRouteToTheNamedQueue() {
    assertThat(QueueRouter.annotations().route(new AuditNote("x"), "t"))
        .isEqualTo(Destination.queue("audit"));
  }

  @Test
  void topicAnnotationRoutesToTheEventTypeAsRoutingKey() {
    assertThat(QueueRouter.annotations().route(new OrderShipped(1, "c"), "order.shipped"))
        .isEqualTo(Destination.topic("order.shipped"));
  }

  @Test
  void unannotatedEventIsUnknownToTheAnnotationRouter() {
    assertThat(QueueRouter.annotations().route(new Unroutable("x"), "t")).isNull();
  }

  @Test
  void orElseAsksTheNextRouterOnlyForUnknownEvents() {
    QueueRouter chain = QueueRouter.annotations().orElse(QueueRouter.fixed("fallback"));
    assertThat(chain.route(new Unroutable("x"), "t")).isEqualTo(Destination.queue("fallback"));
    assertThat(chain.route(new AuditNote("x"), "t")).isEqualTo(Destination.queue("audit"));
  }
}
