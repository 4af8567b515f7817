package dev.pgmq.it.wildfly.app;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /orders?customer=c} places an order and answers its id; with {@code &fail=true} the
 * service fails after placing it, its transaction rolls back and the answer is 409.
 */
@WebServlet("/orders")
public class OrdersServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient OrderService orders;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String customer = request.getParameter("customer");
    if (customer == null || customer.isBlank()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "customer is required");
      return;
    }
    response.setContentType("text/plain");
    if (Boolean.parseBoolean(request.getParameter("fail"))) {
      try {
        orders.placeOrderThenFail(customer);
      } catch (IllegalStateException rolledBack) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        response.getWriter().print(rolledBack.getMessage());
      }
      return;
    }
    response.getWriter().print(orders.placeOrder(customer));
  }
}
