package dev.pgmq.example.spring;

import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.LongStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo.orders=N}: places N orders (one more that is refused), waits until every
 * placed order is shipped, prints a summary and checks it.
 */
@Component
public class Demo implements ApplicationRunner {

  private final OrderService orders;
  private final JdbcTemplate jdbc;
  private final PrintStream out = System.out;

  Demo(OrderService orders, JdbcTemplate jdbc) {
    this.orders = orders;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    if (!args.containsOption("demo.orders")) {
      return;
    }
    int n = Integer.parseInt(args.getOptionValues("demo.orders").get(0));
    long first = count("select coalesce(max(id), 0) from purchase_order") + 1;
    long started = System.nanoTime();
    LongStream.range(first, first + n)
        .parallel()
        .forEach(id -> orders.place(id, "customer-" + id % 7, 100 + id));
    try {
      orders.place(first + n, "customer-refused", 0);
    } catch (IllegalArgumentException refused) {
      out.println("refused: " + refused.getMessage() + " (nothing of it committed)");
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (count("select count(*) from purchase_order where status = 'PLACED'") > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long placed = count("select count(*) from purchase_order where id >= " + first);
    long shipped =
        count(
            "select count(*) from shipment where order_id >= "
                + first
                + " and order_id < "
                + (first + n));
    long queued = count("select count(*) from pgmq.q_orders");
    out.printf(
        "orders placed %d, shipped %d, still queued %d, in %d ms%n",
        placed, shipped, queued, Duration.ofNanos(System.nanoTime() - started).toMillis());
    if (placed != n || shipped != n || queued != 0) {
      throw new IllegalStateException("demo failed: not every order shipped exactly once");
    }
    out.println("OK: every order shipped exactly once");
  }

  private long count(String sql) {
    Long value = jdbc.queryForObject(sql, Long.class);
    return value == null ? 0 : value;
  }
}
