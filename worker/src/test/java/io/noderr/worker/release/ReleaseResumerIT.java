package io.noderr.worker.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.release.BeaconQuery;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.PublishedEvent;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.release.ReleaseProgress;
import io.noderr.activities.release.ReleaseRecorded;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.LocalBeacon;
import io.noderr.worker.reconcile.Reconcilers;
import io.noderr.workflows.release.ReleaseApprovalWorkflow;
import io.noderr.workflows.release.ReleaseApprovalWorkflowImpl;
import io.noderr.workflows.release.ReleaseProposal;
import io.noderr.workflows.release.ReleaseResult;
import io.noderr.workflows.release.ReleaseStage;
import io.noderr.workflows.release.ReleaseState;
import io.noderr.workflows.release.SignCommand;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A platform restart with the embedded Temporal server, played for real: the release workflow runs
 * on a Temporal test server against the local beacon in a real PostgreSQL; the server is then
 * thrown away (its histories with it) and a fresh one started on the same database, where the
 * resumer starts the lost request again.
 */
class ReleaseResumerIT {

  private static final BeaconTier TIER = BeaconTier.ORACLE;

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(
                LocalBeacon.class,
                () ->
                    new LocalBeacon(
                        new BeaconProperties.Local(
                            1337,
                            DemoSigners.addresses(),
                            DemoSigners.THRESHOLD,
                            List.of(),
                            Duration.ofHours(24)),
                        context.getBean(LocalBeaconStore.class)));
            context.registerBean(ReleaseActivitiesImpl.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(ReleaseMeters.class);
          });

  private final ReleaseActivitiesImpl activities = db.bean(ReleaseActivitiesImpl.class);
  private final ReleaseRequests requests = db.bean(ReleaseRequests.class);
  private final AuditLog audit = db.bean(AuditLog.class);
  private TestWorkflowEnvironment temporal;

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void requestAwaitingSignatures_keepsItsAcceptedSignature_andPublishesWithTheNextOne() {
    String id = propose("1.0.0", Duration.ofHours(1));
    signAs(id, 1);
    await().until(() -> requests.find(id).orElseThrow().signedBy().size() == 1);

    restartPlatform(activities);

    assertThat(resumer().resumeLost()).isEqualTo(1);
    ReleaseApprovalWorkflow workflow = workflow(id);
    await().until(() -> workflow.getState().stage() != ReleaseStage.PREPARING);
    assertThat(workflow.getState().signatures()).hasSize(1);
    signAs(id, 2);
    assertThat(result(id).stage()).isEqualTo(ReleaseStage.PUBLISHED);
    assertThat(beacon().current().version()).isEqualTo("1.0.0");
    assertThat(requests.find(id).orElseThrow().status()).isEqualTo("PUBLISHED");
    assertThat(actions(id))
        .containsSubsequence(
            "release.proposed",
            "release.signed",
            "release.resumed",
            "release.signatures-readmitted",
            "release.signed",
            "release.published");
    assertThat(resumer().resumeLost()).as("the workflow is known again").isZero();
  }

  @Test
  void requestLostWhilePublishing_finishesPublishing_withoutASecondPublication() {
    CountDownLatch neverFollowed = new CountDownLatch(1);
    restartPlatform(new FollowerThatNeverSees(activities, neverFollowed));
    String id = propose("1.1.0", Duration.ofHours(1));
    signAs(id, 1);
    signAs(id, 2);
    await().until(() -> "1.1.0".equals(versionOnBeacon()));
    String nonceAfterPublication = beacon().nonce();

    restartPlatform(activities);

    assertThat(resumer().resumeLost()).isEqualTo(1);
    ReleaseResult result = result(id);
    assertThat(result.stage()).isEqualTo(ReleaseStage.PUBLISHED);
    assertThat(beacon().nonce()).isEqualTo(nonceAfterPublication);
    assertThat(requests.find(id).orElseThrow().transactionHash())
        .isEqualTo(result.transactionHash());
    neverFollowed.countDown();
  }

  @Test
  void requestWhoseDeadlinePassedDuringTheRestart_endsExpired() throws InterruptedException {
    String id = propose("1.2.0", Duration.ofSeconds(5));
    signAs(id, 1);
    await().until(() -> requests.find(id).orElseThrow().signedBy().size() == 1);
    ReleaseRow before = requests.find(id).orElseThrow();

    restartPlatform(activities);
    Thread.sleep(Math.max(0, before.deadline().toEpochMilli() - System.currentTimeMillis() + 1000));

    assertThat(resumer().resumeLost()).isEqualTo(1);
    ReleaseResult result = result(id);
    assertThat(result.stage()).isEqualTo(ReleaseStage.EXPIRED);
    assertThat(result.reason()).contains("passed while the platform was down");
    assertThat(requests.find(id).orElseThrow().status()).isEqualTo("EXPIRED");
  }

  // --- the platform ---------------------------------------------------------------------------

  /** Throws the previous Temporal server away, histories included, and starts a fresh one. */
  private void restartPlatform(ReleaseActivities releaseActivities) {
    if (temporal != null) {
      temporal.close();
    }
    temporal =
        TestEnvironments.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = temporal.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(ReleaseApprovalWorkflowImpl.class);
    worker.registerActivitiesImplementations(releaseActivities);
    temporal.start();
  }

  private ReleaseResumer resumer() {
    WorkflowClient client = temporal.getWorkflowClient();
    return new ReleaseResumer(client, Reconcilers.executions(client), requests, audit);
  }

  private String propose(String version, Duration deadlineIn) {
    if (temporal == null) {
      restartPlatform(activities);
    }
    ReleaseProposal proposal =
        new ReleaseProposal(
            TIER,
            version,
            "sha256:" + "ab".repeat(32),
            "",
            "ipfs://notes-" + version,
            Instant.now().plus(deadlineIn).getEpochSecond(),
            "alice",
            null);
    ReleaseApprovalWorkflow workflow =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                ReleaseApprovalWorkflow.class,
                ReleaseApprovalWorkflow.startOptions(proposal).build());
    WorkflowClient.start(workflow::run, proposal);
    await().until(() -> workflow.getState().stage() == ReleaseStage.AWAITING_SIGNATURES);
    return ReleaseApprovalWorkflow.workflowId(TIER, version);
  }

  private void signAs(String id, int demoSigner) {
    ReleaseState state = workflow(id).getState();
    byte[] digest = HexFormat.of().parseHex(state.digest().substring(2));
    workflow(id)
        .sign(
            new SignCommand(
                Signatures.addressOf(DemoSigners.key(demoSigner)).value(),
                Signatures.sign(digest, DemoSigners.key(demoSigner)),
                "signer-" + demoSigner));
  }

  private ReleaseApprovalWorkflow workflow(String id) {
    return temporal.getWorkflowClient().newWorkflowStub(ReleaseApprovalWorkflow.class, id);
  }

  private ReleaseResult result(String id) {
    return WorkflowStub.fromTyped(workflow(id)).getResult(ReleaseResult.class);
  }

  private BeaconState beacon() {
    return activities.readBeacon(new BeaconQuery(TIER));
  }

  private String versionOnBeacon() {
    return beacon().current() == null ? null : beacon().current().version();
  }

  private List<String> actions(String id) {
    return audit.recentFor(id, 20).reversed().stream().map(AuditEntry::action).toList();
  }

  /**
   * The release activities of a platform that stops right after its publication went through: the
   * beacon follower never reports the event, so the request stays PUBLISHING until the restart.
   */
  record FollowerThatNeverSees(ReleaseActivities real, CountDownLatch released)
      implements ReleaseActivities {

    @Override
    public BeaconState readBeacon(BeaconQuery query) {
      return real.readBeacon(query);
    }

    @Override
    public PublishReceipt publish(PublishRequest request) {
      return real.publish(request);
    }

    @Override
    public PublishedEvent awaitPublished(PublishReceipt receipt) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the platform stopped");
    }

    @Override
    public ReleaseRecorded record(ReleaseProgress progress) {
      return real.record(progress);
    }
  }
}
