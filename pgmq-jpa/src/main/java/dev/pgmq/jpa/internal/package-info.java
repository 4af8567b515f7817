/**
 * Implementation of {@code dev.pgmq.jpa}: private to this library and free to change in any
 * release. Application code uses only {@code dev.pgmq.jpa}.
 */
package dev.pgmq.jpa.internal;
