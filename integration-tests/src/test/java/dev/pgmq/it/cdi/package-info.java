/**
 * A sample CDI application (orders placed by a {@code @Transactional} service, shipped by a
 * {@code @PgmqListener}) and its tests on Weld SE, with JTA transactions (Narayana) and with
 * resource-local ones.
 */
package dev.pgmq.it.cdi;
