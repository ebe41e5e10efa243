package io.noderr.console;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.rewards.ClawedBack;
import io.noderr.activities.rewards.DistributorState;
import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.EpochSchedule;
import io.noderr.activities.rewards.FeesSwept;
import io.noderr.activities.rewards.GatheredInputs;
import io.noderr.activities.rewards.RewardChainActivities;
import io.noderr.activities.rewards.RewardPlatformActivities;
import io.noderr.activities.rewards.RootPublished;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import io.noderr.workflows.rewards.RewardEpochInput;
import io.noderr.workflows.rewards.RewardEpochStage;
import io.noderr.workflows.rewards.RewardEpochState;
import io.noderr.workflows.rewards.RewardEpochWorkflow;
import io.noderr.workflows.rewards.RewardEpochWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.web3j.utils.Numeric;

/**
 * A real RewardEpochWorkflow in the console tests' Temporal server, run by its own worker with its
 * activities stubbed (as the workflow's own test does) and routed to that worker: the tests'
 * platform worker registers its activities once, when the context starts. The epoch ended a minute
 * ago, its payouts are computed and it awaits the demo signers' signatures (2 of 3). The read model
 * is not written, so what the console shows of it comes from the workflow alone.
 */
public final class LiveRewardEpochRun implements AutoCloseable {

  public static final String ROOT = "0x" + "ab".repeat(32);
  public static final String PAID = "1202";
  public static final String DISTRIBUTOR = "0x" + "22".repeat(20);
  private static final String TASK_QUEUE = "console-reward-epochs";

  /**
   * The reward activities' type names, which this run's worker serves instead of the platform's.
   */
  private static final List<String> ACTIVITIES =
      Stream.of(RewardPlatformActivities.class, RewardChainActivities.class)
          .map(POJOActivityInterfaceMetadata::newInstance)
          .flatMap(activities -> activities.getMethodsMetadata().stream())
          .map(POJOActivityMethodMetadata::getActivityTypeName)
          .toList();

  private static final String MULTISIG = "0x" + "11".repeat(20);

  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final RewardEpochWorkflow workflow;

  public LiveRewardEpochRun(WorkflowClient client, long epoch) {
    this.client = client;
    workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(TASK_QUEUE);
    ActivityOptions here = ActivityOptions.newBuilder().setTaskQueue(TASK_QUEUE).build();
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setActivityOptions(
                ACTIVITIES.stream().collect(Collectors.toMap(name -> name, name -> here)))
            .build(),
        RewardEpochWorkflowImpl.class);
    worker.registerActivitiesImplementations(platform(epoch), chain(epoch));
    workers.start();
    workflow =
        client.newWorkflowStub(
            RewardEpochWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RewardEpochWorkflow.WORKFLOW_ID)
                .setTaskQueue(TASK_QUEUE)
                .build());
    long startMillis = Instant.now().minusSeconds(60).toEpochMilli();
    WorkflowClient.start(workflow::run, new RewardEpochInput(epoch, startMillis, "3"));
    try {
      awaitSignatures();
    } catch (AssertionError e) {
      close();
      throw e;
    }
  }

  public RewardEpochState state() {
    return workflow.getState();
  }

  /** Demo signer {@code number}'s signature over the epoch's digest. */
  public String signatureOf(int number) {
    return Signatures.sign(Numeric.hexStringToByteArray(state().digest()), DemoSigners.key(number));
  }

  private void awaitSignatures() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (state().stage() != RewardEpochStage.AWAITING_SIGNATURES) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the epoch never awaited signatures: " + state() + "; pending: " + pending());
      }
      sleep();
    }
  }

  /** The run's pending activities with their attempts and last failures, for a failed wait. */
  private String pending() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(RewardEpochWorkflow.WORKFLOW_ID))
                .build())
        .getPendingActivitiesList()
        .stream()
        .map(
            a ->
                a.getActivityType().getName()
                    + " attempt "
                    + a.getAttempt()
                    + " "
                    + a.getState()
                    + " "
                    + a.getLastFailure().getMessage())
        .toList()
        .toString();
  }

  private static RewardPlatformActivities platform(long epoch) {
    RewardPlatformActivities platform =
        mock(RewardPlatformActivities.class, withSettings().withoutAnnotations());
    when(platform.schedule(any())).thenReturn(new EpochSchedule(1, "1000", 1));
    when(platform.gatherInputs(any()))
        .thenReturn(new GatheredInputs(epoch, 3, 2, 0, "1203", "0x" + "1d".repeat(32)));
    when(platform.computePayouts(any()))
        .thenReturn(
            new EpochComputation(epoch, 1, "1203", PAID, "1", 2, ROOT, "0x" + "9d".repeat(32)));
    return platform;
  }

  private static RewardChainActivities chain(long epoch) {
    RewardChainActivities chain =
        mock(RewardChainActivities.class, withSettings().withoutAnnotations());
    when(chain.sweepFees(any())).thenReturn(new FeesSwept(epoch, "200", "86", "0xsweep"));
    when(chain.readDistributor(any()))
        .thenReturn(
            new DistributorState(
                1337,
                MULTISIG,
                DISTRIBUTOR,
                "7",
                DemoSigners.addresses().stream().sorted().map(Address::value).toList(),
                DemoSigners.THRESHOLD,
                epoch - 1,
                3600,
                86_400));
    // Published, then pending for an hour: the run stays put until the test ends it.
    long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
    when(chain.publishRoot(any()))
        .thenReturn(new RootPublished(epoch, "0x" + "7b".repeat(32), 9, inAnHour, inAnHour));
    when(chain.clawbackExpired(any())).thenReturn(new ClawedBack(List.of(), "0"));
    return chain;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Ends the run and its worker, so the next test starts its own. */
  @Override
  public void close() {
    client.newUntypedWorkflowStub(RewardEpochWorkflow.WORKFLOW_ID).terminate("test over");
    workers.shutdownNow();
  }
}
