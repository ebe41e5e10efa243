package io.noderr.console.onboarding;

import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * Runs an Update and turns the workflow's refusal (validator or handler) into a {@link
 * DecisionRefusedException} carrying the workflow's own reason.
 */
public final class WorkflowUpdates {

  private WorkflowUpdates() {}

  public static <T> T call(Supplier<T> update, Supplier<String> whenClosed) {
    try {
      return update.get();
    } catch (WorkflowUpdateException e) {
      throw new DecisionRefusedException(reason(e));
    } catch (WorkflowNotFoundException e) {
      throw new DecisionRefusedException(whenClosed.get());
    }
  }

  /** The workflow's own words for a refused Update (validator or handler failure). */
  public static String reason(WorkflowException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
    }
    return "the request was refused";
  }
}
