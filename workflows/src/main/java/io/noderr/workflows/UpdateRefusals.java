package io.noderr.workflows;

import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;

/** For the callers of Updates: the workflow's own words when it refused one. */
public final class UpdateRefusals {

  private UpdateRefusals() {}

  /** The reason a validator or handler gave for refusing an Update. */
  public static String reason(WorkflowException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
    }
    return "the request was refused";
  }
}
