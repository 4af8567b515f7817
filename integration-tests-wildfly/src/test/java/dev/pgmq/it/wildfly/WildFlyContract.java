package dev.pgmq.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample WAR on a real WildFly, driven over HTTP, on an empty database of its own (no PGMQ, no
 * tables): what a Jakarta EE application gets from the libraries with the server's Hibernate. Run
 * once per server; the tests run in order, each on what the previous ones left.
 */
@PgmqDatabaseTest(installPgmq = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WildFlyContract {

  private static final Path WAR = Path.of(System.getProperty("wildfly.war"));
  private static final Path DRIVER = Path.of(System.getProperty("wildfly.jdbcDriver"));
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private WildFlyServer server;
  private ShopTables shop;
  private long firstOrder;

  /** Where the server is unpacked. */
  abstract Path home();

  @BeforeAll
  void deployOnEmptyDatabase(TestDatabase db) throws Exception {
    shop = new ShopTables(db);
    server = WildFlyServer.configure(home(), db, DRIVER);
    server.start();
    server.deploy(WAR);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  @Order(1)
  void startupBeanInstallsPgmqAndCreatesQueuesThenListenersStartOnManagedThreads()
      throws Exception {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(server.serverLog())
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .contains(
                                    "started @PgmqListener method "
                                        + "dev.pgmq.it.wildfly.app.ShippingListener.ship(OrderPlaced)")
                                .contains("JTA transactions, the container's managed threads")));
    // the application's queues, and the dead-letter queue the listener's consumer created
    assertThat(shop.queues())
        .containsExactlyInAnyOrder("orders", "payments", "audit", "orders_dlq");
  }

  @Test
  @Order(2)
  void transactionalServiceCommitsEntityEventOutboxAndPgmqMessageTogether() throws Exception {
    long id = placeOrder("ada");
    firstOrder = id;

    assertThat(shop.orderIds()).contains(id);
    assertThat(shop.messageOrderIds("payments")).containsExactly(id);
    assertThat(shop.messageOrderIds("audit")).containsExactly(id);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(shop.shippedOrderIds()).containsExactly(id));
    assertThat(shop.messages("orders")).isZero();
  }

  @Test
  @Order(3)
  void rolledBackServiceLeavesNoOrderAndSendsNothing() throws Exception {
    HttpResponse<String> response = post("/orders?customer=bob&fail=true");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("payment provider unavailable");
    assertThat(shop.orderIds()).containsExactly(firstOrder);
    assertThat(shop.messageOrderIds("payments")).containsExactly(firstOrder);
    assertThat(shop.messageOrderIds("audit")).containsExactly(firstOrder);
    assertThat(shop.messages("orders")).isZero();
    assertThat(shop.shippedOrderIds()).containsExactly(firstOrder);
  }

  @Test
  @Order(4)
  void listenerMethodSeesComponentNamesOfTheApplication() throws Exception {
    await().atMost(WAIT).until(() -> shop.shippedOrderIds().size() == 1);

    assertThat(shop.shipmentsWithoutComponentNames()).isZero();
  }

  @Test
  @Order(5)
  void undeployAndRedeployLoseNothingAndShipEachOrderOnce() throws Exception {
    List<Long> placed = placeOrders("undeploy", 20);
    server.undeploy();
    long waiting = shop.messages("orders");
    server.deploy(WAR);

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(shop.shippedOrderIds()).containsAll(placed));
    assertThat(waiting).isBetween(0L, 20L);
    assertEachOrderShippedOnce();
  }

  @Test
  @Order(6)
  void restartLosesNothingAndShipsEachOrderOnce() throws Exception {
    List<Long> placed = placeOrders("restart", 20);
    server.stop();
    server.start();

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(shop.shippedOrderIds()).containsAll(placed));
    assertEachOrderShippedOnce();
  }

  @Test
  @Order(7)
  void serverLogHasNoError() throws Exception {
    List<String> errors =
        server.serverLog().stream().filter(line -> line.contains(" ERROR ")).toList();

    assertThat(errors).isEmpty();
  }

  private void assertEachOrderShippedOnce() throws Exception {
    assertThat(shop.shippedOrderIds()).containsExactlyInAnyOrderElementsOf(shop.orderIds());
    assertThat(shop.messages("orders")).isZero();
    assertThat(shop.messageOrderIds("payments"))
        .containsExactlyInAnyOrderElementsOf(shop.orderIds());
    assertThat(shop.messageOrderIds("audit")).containsExactlyInAnyOrderElementsOf(shop.orderIds());
    assertThat(shop.deadLetters()).isZero();
    assertThat(shop.shipmentsWithoutComponentNames()).isZero();
  }

  private List<Long> placeOrders(String customer, int count) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(placeOrder(customer + "-" + i));
    }
    return ids;
  }

  private long placeOrder(String customer) throws Exception {
    HttpResponse<String> response = post("/orders?customer=" + customer);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Long.parseLong(response.body().trim());
  }

  private HttpResponse<String> post(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
