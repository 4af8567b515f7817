/**
 * The library behind PgBouncer in transaction-pooling mode: the installer, sending, the outbox and
 * consumers, through a PgBouncer the tests start ({@link dev.pgmq.test.PgBouncer}).
 */
package dev.pgmq.it.pgbouncer;
