package io.noderr.console.rollout;

import io.grpc.StatusRuntimeException;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverterException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The strategy a rollout was started with, read from the first event of its current run's history
 * (a continued run starts with the same strategy). The state query does not carry the strategy, and
 * the read model keeps only totals; one page of one event is cheap enough to read on each refresh.
 */
@Component
class StartedStrategies {

  private static final Logger log = LoggerFactory.getLogger(StartedStrategies.class);

  private final WorkflowClient client;

  StartedStrategies(WorkflowClient client) {
    this.client = client;
  }

  /** Empty when the history cannot be read (gone, not yet started, an older input shape). */
  Optional<RolloutStrategy> of(String rolloutId) {
    try {
      History history =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(rolloutId))
                      .setMaximumPageSize(1)
                      .build())
              .getHistory();
      if (history.getEventsCount() == 0
          || !history.getEvents(0).hasWorkflowExecutionStartedEventAttributes()) {
        return Optional.empty();
      }
      Payloads input = history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
      RolloutInput started =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(input), RolloutInput.class, RolloutInput.class);
      return Optional.ofNullable(started).map(RolloutInput::strategy);
    } catch (StatusRuntimeException | DataConverterException e) {
      log.debug("no strategy for {}: {}", rolloutId, e.getMessage());
      return Optional.empty();
    }
  }
}
