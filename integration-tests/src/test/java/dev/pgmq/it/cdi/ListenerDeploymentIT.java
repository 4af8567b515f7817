package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.it.cdi.misconfigured.AbstractPayloadListener;
import dev.pgmq.it.cdi.misconfigured.BadQueueNameListener;
import dev.pgmq.it.cdi.misconfigured.CatchAllListeners;
import dev.pgmq.it.cdi.misconfigured.TwoPayloadsListener;
import dev.pgmq.it.cdi.misconfigured.UnreadableDurationListener;
import dev.pgmq.it.cdi.misconfigured.ZeroConcurrencyListener;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A misconfigured {@code @PgmqListener} stops the application at startup, saying what is wrong. (A
 * queue that does not exist yet does not: {@link ListenerStartIT}.)
 */
@PgmqDatabaseTest
class ListenerDeploymentIT {

  private final TestDatabase db;

  ListenerDeploymentIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> deploying(Class<?> listener) {
    return assertThatThrownBy(() -> CdiApp.start(db, LocalPersistence.class, listener).close())
        .isInstanceOf(DeploymentException.class);
  }

  @Test
  void listenerWithAPayloadJsonCannotBeReadIntoFailsTheDeployment() {
    deploying(AbstractPayloadListener.class)
        .hasMessageContaining(AbstractPayloadListener.class.getName() + ".ship(Runnable)")
        .hasMessageContaining("parameter 1 (java.lang.Runnable) cannot be a payload")
        .hasMessageContaining("interface without @JsonTypeInfo");
  }

  @Test
  void listenerWithTwoPayloadParametersFailsTheDeployment() {
    deploying(TwoPayloadsListener.class)
        .hasMessageContaining(
            TwoPayloadsListener.class.getName() + ".ship(OrderPlaced, PaymentRequested)")
        .hasMessageContaining("parameter 2 (" + PaymentRequested.class.getName() + ")")
        .hasMessageContaining("second payload parameter");
  }

  @Test
  void listenerWithAnInvalidSettingFailsTheDeployment() {
    deploying(ZeroConcurrencyListener.class)
        .hasMessageContaining(ZeroConcurrencyListener.class.getName() + ".ship(OrderPlaced)")
        .hasMessageContaining("concurrency must be between 1 and 1000, was 0");
  }

  @Test
  void listenerOfAnInvalidQueueNameFailsTheDeploymentWithTheOperationsException() {
    deploying(BadQueueNameListener.class)
        .hasMessageContaining(BadQueueNameListener.class.getName() + ".ship(OrderPlaced)")
        .hasMessageContaining("queue name 'Bad Queue' must be lower case")
        .hasRootCauseInstanceOf(InvalidQueueNameException.class);
  }

  @Test
  void listenerWithAnUnreadableDurationFailsTheDeployment() {
    deploying(UnreadableDurationListener.class)
        .hasMessageContaining(UnreadableDurationListener.class.getName() + ".ship(OrderPlaced)")
        .hasMessageContaining("vt must be a duration such as 500ms, 30s, 5m, 1h or PT30S")
        .hasMessageContaining("'ten seconds'");
  }

  @Test
  void twoListenersTakingEveryMessageOfOneQueueFailTheDeployment() {
    deploying(CatchAllListeners.class)
        .hasMessageContaining("both take every message of queue 'orders'");
  }
}
