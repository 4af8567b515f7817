/**
 * Tests that deploy the sample WAR on WildFly servers unpacked from Maven Central and drive it over
 * HTTP on 127.0.0.1; they start and stop the servers themselves (profile {@code wildfly}).
 */
package dev.pgmq.it.wildfly;
