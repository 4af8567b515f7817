package dev.pgmq.outbox.cdi.internal;

/** What a listener method receives in one parameter. */
enum ParameterKind {
  PAYLOAD,
  RAW_MESSAGE,
  TYPED_MESSAGE,
  CONTEXT,
  ENTITY_MANAGER
}
