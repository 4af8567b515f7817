package dev.pgmq.outbox.listener.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerMethodTest {

  @OutboxEvent(queue = "orders", type = "order.placed")
  record Placed(long id) {}

  record Plain(long id) {}

  @SuppressWarnings("unused")
  static class Listeners {
    @PgmqListener(queue = "orders")
    void typed(Placed event, MessageContext context, EntityManager em, Message<Placed> message) {}

    @PgmqListener(queue = "orders")
    void messageOnly(Message<Placed> message) {}

    @PgmqListener(queue = "orders")
    void plain(Plain event) {}

    @PgmqListener(queue = "orders", eventType = "*")
    void everything(Placed event) {}

    @PgmqListener(queue = "orders", eventType = "order.cancelled")
    void named(JsonNode event, Message<JsonNode> message) {}

    @PgmqListener(queue = "orders")
    void map(Map<String, Object> event) {}

    @PgmqListener(queue = "orders")
    void noPayload(MessageContext context) {}

    @PgmqListener(queue = "orders")
    void primitive(long id) {}

    @PgmqListener(queue = "orders")
    void mismatched(Placed event, Message<Plain> message) {}

    @PgmqListener(queue = "orders")
    void twoContexts(Placed event, MessageContext a, MessageContext b) {}

    @PgmqListener(queue = "orders")
    <T> void generic(T event) {}

    @PgmqListener(queue = "orders")
    static void stat(Placed event) {}
  }

  private static ListenerMethod of(String name) {
    for (Method m : Listeners.class.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return ListenerMethod.of(m);
      }
    }
    throw new IllegalArgumentException(name);
  }

  @Test
  void payloadAndOptionalParametersAreRecognised() {
    ListenerMethod m = of("typed");

    assertThat(m.parameters())
        .containsExactly(
            ParameterKind.PAYLOAD,
            ParameterKind.CONTEXT,
            ParameterKind.ENTITY_MANAGER,
            ParameterKind.TYPED_MESSAGE);
    assertThat(m.payloadType()).isEqualTo(Placed.class);
    assertThat(m.eventType()).isEqualTo("order.placed");
  }

  @Test
  void typedMessageAloneGivesThePayloadType() {
    assertThat(of("messageOnly").payloadType()).isEqualTo(Placed.class);
    assertThat(of("messageOnly").parameters()).containsExactly(ParameterKind.TYPED_MESSAGE);
  }

  @Test
  void payloadWithoutOutboxEventTakesEveryMessage() {
    assertThat(of("plain").eventType()).isNull();
    assertThat(of("everything").eventType()).isNull();
    assertThat(of("map").payloadType()).isEqualTo(Map.class);
  }

  @Test
  void declaredEventTypeWinsAndRawMessageIsAllowed() {
    ListenerMethod m = of("named");
    assertThat(m.eventType()).isEqualTo("order.cancelled");
    assertThat(m.parameters()).isEqualTo(List.of(ParameterKind.PAYLOAD, ParameterKind.RAW_MESSAGE));
  }

  @Test
  void unusableSignaturesAreRefusedNamingTheMethod() {
    assertThatThrownBy(() -> of("noPayload"))
        .isInstanceOf(ListenerDefinitionException.class)
        .hasMessageContaining("Listeners.noPayload(MessageContext) has no payload parameter");
    assertThatThrownBy(() -> of("primitive"))
        .hasMessageContaining("parameter 1 (long) cannot be a payload: a primitive");
    assertThatThrownBy(() -> of("mismatched"))
        .hasMessageContaining("Message<Plain> does not match the payload parameter's type");
    assertThatThrownBy(() -> of("twoContexts"))
        .hasMessageContaining("parameter 3 (" + MessageContext.class.getName() + ") is a second");
    assertThatThrownBy(() -> of("generic")).hasMessageContaining("must not be generic");
    assertThatThrownBy(() -> of("stat")).hasMessageContaining("must not be static");
  }
}
