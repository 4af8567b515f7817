/**
 * CDI integration (module pgmq-cdi), for applications in a CDI container (Jakarta EE servers, Weld
 * SE): {@code @Inject Pgmq} and {@code @Inject Outbox} over the application's {@code EntityManager}
 * bean (their calls join the current transaction, JTA or resource-local), {@code @Inject
 * PgmqClient} over a resource-local {@code EntityManagerFactory} bean, and {@link
 * dev.pgmq.outbox.listener.PgmqListener} methods run as consumers. Everything here is wired by
 * {@link dev.pgmq.cdi.PgmqExtension}; the CDI API (and, for JTA, the Jakarta Transactions API) is
 * supplied by the container. For application code.
 */
package dev.pgmq.cdi;
