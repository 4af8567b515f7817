/**
 * The sample WAR the WildFly tests deploy: a JTA order service whose entity events, outbox events
 * and PGMQ messages commit together, a startup bean that installs PGMQ and creates the queues, a
 * {@code @PgmqListener} that ships each order, and a servlet the tests drive it through. Written as
 * an application on a Jakarta EE server would be; not a library.
 */
package dev.pgmq.it.wildfly.app;
