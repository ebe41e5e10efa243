package io.noderr.worker.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.PlatformFailures;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.onboarding.ApplicationClosed;
import io.noderr.activities.onboarding.ApplicationClosed.Outcome;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.activities.onboarding.NodeIdentity.KeyKind;
import io.noderr.activities.onboarding.NodeRegistration;
import io.noderr.activities.onboarding.StepRecorded;
import io.noderr.activities.onboarding.TokenIssued;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.InstallToken;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.identity.StoredIdentity;
import io.noderr.registry.node.AttestationStatus;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.node.NodeStatus;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.worker.DataErrorInterceptor;
import io.noderr.workflows.onboarding.OnboardingInput;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The onboarding activities against a real PostgreSQL, wired as the worker wires them (Spring
 * transactions included). Every write is retried by Temporal, so each is called twice here.
 */
class OnboardingRecorderIT {

  private static final String TOKEN = "1".repeat(64);
  private static final String NEW_TOKEN = "2".repeat(64);
  private static final String SIGNER = "0xAbC0000000000000000000000000000000000001";
  private static final String EK = "e".repeat(64);

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(NodeRegistrar.class);
            context.registerBean(OnboardingRecorder.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(OnboardingMeters.class);
          });

  private final OnboardingRecorder recorder = db.bean(OnboardingRecorder.class);
  private final Applications applications = db.bean(Applications.class);
  private final InstallTokens tokens = db.bean(InstallTokens.class);
  private final NodeIdentities identities = db.bean(NodeIdentities.class);
  private final NodeRepository nodes = db.bean(NodeRepository.class);
  private final WorkflowRuns runs = db.bean(WorkflowRuns.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  private final Instant inADay =
      Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);

  // --- fixtures -------------------------------------------------------------------------------

  private static String workflowId(String applicationId) {
    return OnboardingWorkflow.workflowId(applicationId);
  }

  private static ApplicationSubmitted submitted(String applicationId, String tier) {
    return new ApplicationSubmitted(
        applicationId,
        "Acme Nodes",
        "ops@acme.example",
        tier,
        "eu-west",
        SIGNER,
        workflowId(applicationId));
  }

  private TokenIssued issued(String applicationId, String hash, boolean reissue) {
    return new TokenIssued(
        applicationId,
        "ORACLE",
        hash,
        inADay.toEpochMilli(),
        "alice",
        reissue,
        workflowId(applicationId));
  }

  private static NodeIdentity tpm(String ek) {
    return new NodeIdentity(
        KeyKind.TPM,
        "AAEACwAFAHIAAAAQ",
        "000b" + "a".repeat(64),
        "AAEAAQALAAMAsgAg",
        ek,
        Map.of("0", "b".repeat(64), "7", "c".repeat(64)));
  }

  private static NodeIdentity software() {
    return new NodeIdentity(KeyKind.SOFTWARE, "MCowBQYDK2VwAyEA", null, null, null, Map.of());
  }

  private static NodeRegistration registration(
      String applicationId, String nodeId, String tier, String hash, NodeIdentity identity) {
    return new NodeRegistration(
        applicationId,
        nodeId,
        "Acme Nodes",
        "ops@acme.example",
        tier,
        "eu-west",
        SIGNER,
        hash,
        identity,
        workflowId(applicationId));
  }

  /** An application approved with {@code hash}, as the workflow leaves it before registration. */
  private void approved(String applicationId, String hash) {
    recorder.recordApplication(submitted(applicationId, "ORACLE"));
    recorder.recordTokenIssued(issued(applicationId, hash, false));
  }

  private ApplicationRow application(String id) {
    return applications.find(id).orElseThrow();
  }

  private InstallToken token(String hash) {
    return tokens.find(hash).orElseThrow();
  }

  private WorkflowRun run(String applicationId) {
    return runs.recentFor(applicationId, 10).getFirst();
  }

  private List<String> actions(String subject) {
    return audit.recentFor(subject, 100).stream().map(AuditEntry::action).toList();
  }

  private long count(String table) {
    return db.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  private static void assertRefused(ApplicationFailure failure, String message) {
    assertThat(failure.getOriginalMessage()).isEqualTo(message);
    assertThat(failure.getType()).isEqualTo(OnboardingWorkflowImpl.REGISTRATION_REFUSED);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  // --- recordApplication ----------------------------------------------------------------------

  @Test
  void recordApplication_storesItInReview_startsTheRun_andAuditsTheSubmission_once() {
    StepRecorded first = recorder.recordApplication(submitted("app-1", "ORACLE"));
    StepRecorded again = recorder.recordApplication(submitted("app-1", "ORACLE"));

    assertThat(first).isEqualTo(new StepRecorded("app-1", true));
    assertThat(again).isEqualTo(new StepRecorded("app-1", false));
    ApplicationRow row = application("app-1");
    assertThat(row.status()).isEqualTo("IN_REVIEW");
    assertThat(row.operatorName()).isEqualTo("Acme Nodes");
    assertThat(row.workflowId()).isEqualTo("onboarding-app-1");
    WorkflowRun run = run("app-1");
    assertThat(run.workflowId()).isEqualTo("onboarding-app-1");
    assertThat(run.workflowType()).isEqualTo(OnboardingWorkflow.TYPE);
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.RUNNING);
    assertThat(run.startedBy()).isEqualTo("Acme Nodes");
    assertThat(runs.recentFor("app-1", 10)).hasSize(1);
    List<AuditEntry> entries = audit.recentFor("app-1", 10);
    assertThat(entries)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo("application.submitted");
              assertThat(entry.actor()).isEqualTo("Acme Nodes");
              assertThat(entry.detail()).isEqualTo("tier ORACLE, region eu-west");
              assertThat(entry.workflowId()).isEqualTo("onboarding-app-1");
            });
  }

  // --- recordTokenIssued ----------------------------------------------------------------------

  @Test
  void recordTokenIssued_storesTheLiveToken_approvesTheApplication_andAuditsIt_once() {
    recorder.recordApplication(submitted("app-1", "ORACLE"));

    StepRecorded first = recorder.recordTokenIssued(issued("app-1", TOKEN, false));
    StepRecorded again = recorder.recordTokenIssued(issued("app-1", TOKEN, false));

    assertThat(first.firstTime()).isTrue();
    assertThat(again.firstTime()).isFalse();
    assertThat(token(TOKEN)).isEqualTo(new InstallToken("app-1", "ORACLE", inADay, null, null));
    ApplicationRow row = application("app-1");
    assertThat(row.status()).isEqualTo("APPROVED");
    assertThat(row.reviewedBy()).isEqualTo("alice");
    AuditEntry approved = audit.recentFor("app-1", 10).getFirst();
    assertThat(approved.action()).isEqualTo("application.approved");
    assertThat(approved.actor()).isEqualTo("alice");
    assertThat(approved.detail()).isEqualTo("install token valid until " + inADay);
    assertThat(approved.workflowId()).isEqualTo("onboarding-app-1");
    assertThat(actions("app-1")).containsExactly("application.approved", "application.submitted");
    assertThat(run("app-1").status()).isEqualTo(WorkflowRunStatus.RUNNING);
  }

  @Test
  void recordTokenIssued_reissue_revokesThePreviousToken_andAuditsTheReissue_once() {
    approved("app-1", TOKEN);

    assertThat(recorder.recordTokenIssued(issued("app-1", NEW_TOKEN, true)).firstTime()).isTrue();
    assertThat(recorder.recordTokenIssued(issued("app-1", NEW_TOKEN, true)).firstTime()).isFalse();

    assertThat(token(TOKEN).refusal(Instant.now()))
        .isEqualTo("install token was replaced or withdrawn");
    assertThat(token(NEW_TOKEN).refusal(Instant.now())).isNull();
    assertThat(application("app-1").status()).isEqualTo("APPROVED");
    assertThat(actions("app-1"))
        .containsExactly("install-token.reissued", "application.approved", "application.submitted");
  }

  // --- recordClosed ---------------------------------------------------------------------------

  @Test
  void recordClosed_rejected_revokesTheLiveToken_endsTheRun_andAuditsTheReason_once() {
    approved("app-1", TOKEN);
    ApplicationClosed rejected =
        new ApplicationClosed("app-1", Outcome.REJECTED, "carol", "KYC failed", "onboarding-app-1");

    assertThat(recorder.recordClosed(rejected)).isEqualTo(new StepRecorded("app-1", true));
    assertThat(recorder.recordClosed(rejected)).isEqualTo(new StepRecorded("app-1", false));

    assertThat(token(TOKEN).revokedAt()).isNotNull();
    assertThat(tokens.consume(TOKEN, "app-1")).isFalse();
    ApplicationRow row = application("app-1");
    assertThat(row.status()).isEqualTo("REJECTED");
    assertThat(row.reviewedBy()).isEqualTo("carol");
    assertThat(row.reviewReason()).isEqualTo("KYC failed");
    WorkflowRun run = run("app-1");
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run.detail()).isEqualTo("REJECTED: KYC failed");
    assertThat(run.endedAt()).isNotNull();
    AuditEntry entry = audit.recentFor("app-1", 10).getFirst();
    assertThat(entry.action()).isEqualTo("application.rejected");
    assertThat(entry.actor()).isEqualTo("carol");
    assertThat(entry.detail()).isEqualTo("KYC failed");
    assertThat(actions("app-1")).containsOnlyOnce("application.rejected");
  }

  @Test
  void recordClosed_expired_isAuditedBySystem_andEndsTheRun() {
    recorder.recordApplication(submitted("app-1", "ORACLE"));

    recorder.recordClosed(
        new ApplicationClosed(
            "app-1", Outcome.EXPIRED, "system", "not reviewed within 72 h", "onboarding-app-1"));

    assertThat(application("app-1").status()).isEqualTo("EXPIRED");
    assertThat(application("app-1").reviewReason()).isEqualTo("not reviewed within 72 h");
    assertThat(run("app-1").detail()).isEqualTo("EXPIRED: not reviewed within 72 h");
    AuditEntry entry = audit.recentFor("app-1", 10).getFirst();
    assertThat(entry.action()).isEqualTo("application.expired");
    assertThat(entry.actor()).isEqualTo(AuditLog.SYSTEM);
  }

  // --- registerNode ---------------------------------------------------------------------------

  @Test
  void registerNode_createsTheOperatorAndAnActiveAttestedNode_withItsIdentity_once() {
    approved("app-1", TOKEN);
    NodeRegistration registration = registration("app-1", "eu-west-1", "ORACLE", TOKEN, tpm(EK));

    StepRecorded first = recorder.registerNode(registration);
    StepRecorded again = recorder.registerNode(registration);

    assertThat(first).isEqualTo(new StepRecorded("app-1", true));
    assertThat(again).isEqualTo(new StepRecorded("app-1", false));
    String operatorId = SIGNER.toLowerCase();
    assertThat(db.jdbc().queryForMap("SELECT id, name, contact FROM operators"))
        .containsEntry("id", operatorId)
        .containsEntry("name", "Acme Nodes")
        .containsEntry("contact", "ops@acme.example");
    Node node = nodes.findById("eu-west-1").orElseThrow();
    assertThat(node.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(node.attestationStatus()).isEqualTo(AttestationStatus.ATTESTED);
    assertThat(node.tier()).isEqualTo(Tier.ORACLE);
    assertThat(node.region()).isEqualTo("eu-west");
    assertThat(node.operatorId()).isEqualTo(operatorId);
    assertThat(identities.find("eu-west-1").orElseThrow())
        .isEqualTo(
            new StoredIdentity(
                "eu-west-1",
                "TPM",
                "AAEACwAFAHIAAAAQ",
                "000b" + "a".repeat(64),
                "AAEAAQALAAMAsgAg",
                EK,
                Map.of("0", "b".repeat(64), "7", "c".repeat(64))));
    assertThat(token(TOKEN).refusal(Instant.now())).isEqualTo("install token already used");
    ApplicationRow row = application("app-1");
    assertThat(row.status()).isEqualTo("REGISTERED");
    assertThat(row.nodeId()).isEqualTo("eu-west-1");
    assertThat(row.reviewedBy()).isEqualTo("alice");
    assertThat(run("app-1").status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run("app-1").detail()).isEqualTo("REGISTERED as node eu-west-1");
    AuditEntry nodeEntry = audit.recentFor("eu-west-1", 10).getFirst();
    assertThat(nodeEntry.action()).isEqualTo("node.registered");
    assertThat(nodeEntry.detail())
        .isEqualTo("TPM-attested; EK certificate sha256 " + EK + "; application app-1");
    assertThat(nodeEntry.workflowId()).isEqualTo("onboarding-app-1");
    assertThat(audit.recentFor("eu-west-1", 10)).hasSize(1);
    assertThat(actions("app-1"))
        .containsExactly("application.registered", "application.approved", "application.submitted");
    assertThat(count("nodes")).isEqualTo(1);
    assertThat(count("node_identities")).isEqualTo(1);
  }

  @Test
  void registerNode_withASoftwareKey_createsAnUnattestedNode() {
    recorder.recordApplication(submitted("app-1", "ALL"));
    recorder.recordTokenIssued(
        new TokenIssued(
            "app-1", "ALL", TOKEN, inADay.toEpochMilli(), "alice", false, "onboarding-app-1"));

    recorder.registerNode(registration("app-1", "eu-west-1", "ALL", TOKEN, software()));

    Node node = nodes.findById("eu-west-1").orElseThrow();
    assertThat(node.attestationStatus()).isEqualTo(AttestationStatus.UNATTESTED);
    assertThat(node.tier()).isEqualTo(Tier.ALL);
    StoredIdentity identity = identities.find("eu-west-1").orElseThrow();
    assertThat(identity.keyKind()).isEqualTo("SOFTWARE");
    assertThat(identity.pcrValues()).isEmpty();
    assertThat(audit.recentFor("eu-west-1", 10).getFirst().detail())
        .isEqualTo("software key; unattested; application app-1");
  }

  @Test
  void registerNode_ofASecondApplicationOfTheSameOperator_reusesTheOperator() {
    approved("app-1", TOKEN);
    approved("app-2", NEW_TOKEN);
    recorder.registerNode(registration("app-1", "eu-west-1", "ORACLE", TOKEN, tpm(EK)));

    recorder.registerNode(
        registration("app-2", "eu-west-2", "ORACLE", NEW_TOKEN, tpm("f".repeat(64))));

    assertThat(count("operators")).isEqualTo(1);
    assertThat(nodes.findById("eu-west-2").orElseThrow().operatorId())
        .isEqualTo(SIGNER.toLowerCase());
  }

  @Test
  void registerNode_refusesATpmAlreadyRegisteredAsAnotherNode_andWritesNothing() {
    approved("app-1", TOKEN);
    approved("app-2", NEW_TOKEN);
    recorder.registerNode(registration("app-1", "eu-west-1", "ORACLE", TOKEN, tpm(EK)));
    long auditRows = count("audit_log");

    assertThatThrownBy(
            () ->
                recorder.registerNode(
                    registration("app-2", "eu-west-2", "ORACLE", NEW_TOKEN, tpm(EK))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertRefused(failure, "this TPM is already registered as another node"));

    assertThat(nodes.existsById("eu-west-2")).isFalse();
    assertThat(identities.find("eu-west-2")).isEmpty();
    assertThat(token(NEW_TOKEN).refusal(Instant.now())).isNull();
    assertThat(application("app-2").status()).isEqualTo("APPROVED");
    assertThat(application("app-2").nodeId()).isNull();
    assertThat(run("app-2").status()).isEqualTo(WorkflowRunStatus.RUNNING);
    assertThat(count("audit_log")).isEqualTo(auditRows);
  }

  @Test
  void registerNode_refusesAConsumedToken_andWritesNothing() {
    approved("app-1", TOKEN);
    tokens.consume(TOKEN, "app-1");
    long auditRows = count("audit_log");

    assertThatThrownBy(
            () ->
                recorder.registerNode(registration("app-1", "eu-west-1", "ORACLE", TOKEN, tpm(EK))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertRefused(failure, "install token is no longer valid"));

    assertThat(count("nodes")).isZero();
    assertThat(count("operators")).isZero();
    assertThat(count("node_identities")).isZero();
    assertThat(application("app-1").status()).isEqualTo("APPROVED");
    assertThat(count("audit_log")).isEqualTo(auditRows);
  }

  @Test
  void registerNode_refusesARevokedToken_andWritesNothing() {
    approved("app-1", TOKEN);
    recorder.recordTokenIssued(issued("app-1", NEW_TOKEN, true));
    long auditRows = count("audit_log");

    assertThatThrownBy(
            () ->
                recorder.registerNode(registration("app-1", "eu-west-1", "ORACLE", TOKEN, tpm(EK))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertRefused(failure, "install token is no longer valid"));

    assertThat(count("nodes")).isZero();
    assertThat(token(NEW_TOKEN).refusal(Instant.now())).isNull();
    assertThat(count("audit_log")).isEqualTo(auditRows);
  }

  @Test
  void registerNode_rollsEverythingBack_whenAWriteFailsAfterTheTokenWasConsumed() {
    approved("app-1", TOKEN);
    long auditRows = count("audit_log");
    // node_identities.ak_public is NOT NULL: the identity insert fails after the token was
    // consumed and the operator and node were inserted.
    NodeIdentity broken = new NodeIdentity(KeyKind.TPM, null, null, null, EK, Map.of());

    assertThatThrownBy(
            () ->
                recorder.registerNode(registration("app-1", "eu-west-1", "ORACLE", TOKEN, broken)))
        .isInstanceOf(DataIntegrityViolationException.class);

    assertThat(token(TOKEN).refusal(Instant.now())).isNull();
    assertThat(count("nodes")).isZero();
    assertThat(count("operators")).isZero();
    assertThat(application("app-1").status()).isEqualTo("APPROVED");
    assertThat(count("audit_log")).isEqualTo(auditRows);

    // The retry with a good identity then goes through.
    assertThat(
            recorder
                .registerNode(registration("app-1", "eu-west-1", "ORACLE", TOKEN, tpm(EK)))
                .firstTime())
        .isTrue();
  }

  @Test
  void recordTokenIssued_afterTheApplicationWasRejected_leavesItRejectedWithoutALiveToken() {
    recorder.recordApplication(submitted("app-1", "ORACLE"));
    recorder.recordClosed(
        new ApplicationClosed("app-1", Outcome.REJECTED, "carol", "no", "onboarding-app-1"));

    recorder.recordTokenIssued(issued("app-1", TOKEN, false));

    assertThat(application("app-1").status()).isEqualTo("REJECTED");
    assertThat(tokens.consume(TOKEN, "app-1")).isFalse();
  }

  // --- data errors -----------------------------------------------------------------------

  @Test
  void dataTheDatabaseRefuses_failsTheStepOnce_withTheReason_andStoresNothing() {
    try (TestWorkflowEnvironment env = withDataErrorInterceptor()) {
      refusedData(env);
    }
  }

  /** The worker's wiring: the interceptor that makes data errors final. */
  private TestWorkflowEnvironment withDataErrorInterceptor() {
    TestWorkflowEnvironment env =
        TestEnvironments.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new DataErrorInterceptor())
                        .build())
                .build());
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
    worker.registerActivitiesImplementations(recorder);
    env.start();
    return env;
  }

  private void refusedData(TestWorkflowEnvironment env) {
    String id = "app-nul";
    OnboardingWorkflow onboarding =
        env.getWorkflowClient()
            .newWorkflowStub(
                OnboardingWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(OnboardingWorkflow.workflowId(id))
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    ApplicationSubmitted withNul =
        new ApplicationSubmitted(
            id,
            "Acme\u0000Nodes",
            "ops@acme.example",
            "ALL",
            "eu-west",
            "0xAbC0000000000000000000000000000000000001",
            OnboardingWorkflow.workflowId(id));

    assertThatThrownBy(
            () ->
                onboarding.run(
                    new OnboardingInput(
                        withNul, Duration.ofDays(1).toMillis(), Duration.ofDays(3).toMillis())))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(PlatformFailures.INVALID_DATA);
              assertThat(failure.getOriginalMessage()).contains("0x00");
            });
    long attempts =
        env.getWorkflowClient().fetchHistory(OnboardingWorkflow.workflowId(id)).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .mapToLong(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
            .max()
            .orElseThrow();
    assertThat(attempts).isEqualTo(1);
    assertThat(applications.find(id)).isEmpty();
  }
}
