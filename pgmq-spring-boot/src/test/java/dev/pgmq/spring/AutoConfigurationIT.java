package dev.pgmq.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.spring.bare.BareApp;
import dev.pgmq.spring.custom.CustomBeansApp;
import dev.pgmq.spring.internal.ListenerContainer;
import dev.pgmq.spring.misconfigured.payloads.TwoPayloadsApp;
import dev.pgmq.spring.misconfigured.queue.UnknownQueueApp;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Which beans the starter adds, when it backs off, and how it rejects bad properties. */
@PgmqDatabaseTest
class AutoConfigurationIT {

  @Test
  void applicationBeansReplaceTheStartersOwn(TestDatabase db) {
    try (ConfigurableApplicationContext app = Apps.start(db, CustomBeansApp.class)) {
      assertThat(app.getBeansOfType(Pgmq.class)).containsOnlyKeys("myPgmq", "myClient");
      assertThat(app.getBeansOfType(Outbox.class)).containsOnlyKeys("myOutbox");
      assertThat(app.getBeansOfType(PgmqClient.class)).containsOnlyKeys("myClient");
    }
  }

  @Test
  void starterBeansAreThereWithoutApplicationCode(TestDatabase db) {
    try (ConfigurableApplicationContext app = Apps.start(db, BareApp.class)) {
      assertThat(app.getBeansOfType(Pgmq.class)).containsOnlyKeys("pgmq", "pgmqClient");
      assertThat(app.getBean(Pgmq.class)).isNotInstanceOf(PgmqClient.class);
      assertThat(app.getBeansOfType(Outbox.class)).containsOnlyKeys("outbox");
      assertThat(app.getBean(PgmqProperties.class).getSchema().getInstall())
          .isEqualTo(SchemaMode.EXTENSION_OR_SQL);
      assertThat(app.getBean(ListenerContainer.class).consumers()).isEmpty();
    }
  }

  @Test
  void listenersCanBeSwitchedOff(TestDatabase db) {
    try (ConfigurableApplicationContext app =
        Apps.start(db, BareApp.class, "pgmq.listener.enabled=false")) {
      assertThat(app.getBeansOfType(ListenerContainer.class)).isEmpty();
      assertThat(app.getBeansOfType(Pgmq.class)).containsKey("pgmq");
    }
  }

  @Test
  void unknownInstallModeStopsStartUpNamingTheProperty(TestDatabase db) {
    assertThatThrownBy(() -> Apps.start(db, BareApp.class, "pgmq.schema.install=always"))
        .satisfies(
            e -> assertThat(Apps.messages(e)).contains("pgmq.schema.install").contains("always"));
  }

  @Test
  void negativeRefreshIntervalStopsStartUpNamingTheProperty(TestDatabase db) {
    assertThatThrownBy(() -> Apps.start(db, BareApp.class, "pgmq.metrics.refresh-interval=-5s"))
        .satisfies(
            e ->
                assertThat(Apps.messages(e))
                    .contains("pgmq.metrics.refresh-interval must be >= 0, was PT-5S"));
  }

  @Test
  void invalidQueueNameStopsStartUpNamingTheProperty(TestDatabase db) {
    assertThatThrownBy(() -> Apps.start(db, BareApp.class, "pgmq.metrics.queues=orders,Bad-Name"))
        .satisfies(
            e ->
                assertThat(Apps.messages(e))
                    .contains("pgmq.metrics.queues: 'Bad-Name' is not a PGMQ queue name"));
  }

  @Test
  void listenerOfAMissingQueueStartsOnceTheQueueExists(TestDatabase db) {
    try (ConfigurableApplicationContext app = Apps.start(db, UnknownQueueApp.class)) {
      PgmqConsumer consumer = app.getBean(ListenerContainer.class).consumers().get(0);
      assertThat(consumer.queue()).isEqualTo("created_later");
      assertThat(consumer.isRunning()).isFalse();

      PgmqClient client = app.getBean(PgmqClient.class);
      client.createQueue("created_later");
      await().atMost(Duration.ofSeconds(20)).until(consumer::isRunning);
      client.send("created_later", Map.of("late", true));
      await().atMost(Duration.ofSeconds(20)).until(() -> !UnknownQueueApp.TAKEN.isEmpty());
      assertThat(UnknownQueueApp.TAKEN.get(0).get("late").asBoolean()).isTrue();
    }
  }

  @Test
  void listenerTheConsumerCannotCallStopsStartUpNamingTheMethod(TestDatabase db) {
    assertThatThrownBy(() -> Apps.start(db, TwoPayloadsApp.class))
        .satisfies(
            e ->
                assertThat(Apps.messages(e))
                    .contains("@PgmqListener method " + TwoPayloadsApp.class.getName())
                    .contains("is a second payload parameter"));
  }

  @Test
  void runsOnTheHibernateAndSpringBootOfTheBuildsBootLine() {
    assertThat(org.hibernate.Version.getVersionString())
        .isEqualTo(System.getProperty("pgmq.expected.hibernate"));
    assertThat(org.springframework.boot.SpringBootVersion.getVersion())
        .isEqualTo(System.getProperty("pgmq.expected.spring-boot"));
  }

  @Test
  void propertiesHaveMetadataForIdeCompletion() throws Exception {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(json)
        .contains("\"name\": \"pgmq.schema.install\"")
        .contains("\"name\": \"pgmq.listener.enabled\"")
        .contains("\"name\": \"pgmq.listener.auto-startup\"")
        .contains("\"name\": \"pgmq.metrics.queues\"")
        .contains("\"name\": \"pgmq.metrics.refresh-interval\"")
        .contains("Use none");
  }
}
