package dev.pgmq.jpa.internal.schema;

import dev.pgmq.jpa.SchemaStatus;
import java.util.Objects;

/**
 * What {@link InstallPlanner} decided: an action, the status to report when it succeeds, or the
 * reason to fail.
 *
 * @param action what to do
 * @param status the status after the action (null when the action is FAIL)
 * @param failure why it cannot proceed (null unless the action is FAIL)
 */
public record InstallPlan(Action action, SchemaStatus status, String failure) {

  /** What to do. */
  public enum Action {
    /** Nothing to do. */
    NOTHING,
    /** {@code CREATE EXTENSION IF NOT EXISTS pgmq CASCADE}. */
    CREATE_EXTENSION,
    /** Run the bundled SQL script (install or upgrade). */
    RUN_SQL,
    /** Refuse, with {@link #failure()}. */
    FAIL
  }

  /** Checks consistency. */
  public InstallPlan {
    Objects.requireNonNull(action, "action");
    if ((action == Action.FAIL) != (failure != null)) {
      throw new IllegalArgumentException("a failure message goes with FAIL only");
    }
  }
}
