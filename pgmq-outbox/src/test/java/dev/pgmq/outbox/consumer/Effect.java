package dev.pgmq.outbox.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row a handler writes: the observable effect of handling one message. */
@Entity
@Table(name = "consumer_effect")
public class Effect {

  @Id @GeneratedValue Long id;

  /** What the effect belongs to (a message key, a group). */
  String effectKey;

  /** A position within the key (FIFO sequence), or 0. */
  int seq;

  protected Effect() {}

  Effect(String effectKey, int seq) {
    this.effectKey = effectKey;
    this.seq = seq;
  }
}
