package dev.pgmq.jpa.contract;

/** A typed payload for the tests. */
public record OrderPlaced(long orderId, String item) {}
