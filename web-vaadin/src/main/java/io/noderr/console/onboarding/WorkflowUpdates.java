package io.noderr.console.onboarding;

import io.noderr.workflows.UpdateRefusals;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
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
      throw new DecisionRefusedException(UpdateRefusals.reason(e));
    } catch (WorkflowNotFoundException e) {
      throw new DecisionRefusedException(whenClosed.get());
    }
  }
}
