/**
 * Test kit for applications on PGMQ (module {@code pgmq-test}): {@link
 * dev.pgmq.test.PgmqDatabaseTest} gives a JUnit 5 test class a PostgreSQL database of its own with
 * PGMQ installed ({@code PGMQ_TEST_JDBC_URL}, else Testcontainers with the PGMQ image when a Docker
 * engine answers, else an embedded PostgreSQL with pgmq-jpa's SQL-only install); {@link
 * dev.pgmq.test.PgmqAssertions} asserts on what a queue holds; {@link dev.pgmq.test.PgmqDrain} ends
 * consumer tests deterministically. For test code only.
 */
package dev.pgmq.test;
