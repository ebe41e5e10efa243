package io.noderr.workflows.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.onboarding.ApplicationClosed;
import io.noderr.activities.onboarding.ApplicationClosed.Outcome;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.activities.onboarding.NodeIdentity.KeyKind;
import io.noderr.activities.onboarding.NodeRegistration;
import io.noderr.activities.onboarding.OnboardingActivities;
import io.noderr.activities.onboarding.StakeVerdict;
import io.noderr.activities.onboarding.StepRecorded;
import io.noderr.activities.onboarding.TokenIssued;
import io.noderr.workflows.onboarding.OnboardingInput.Resumption;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.noderr.workflows.testing.TestEnvironments;
import io.noderr.workflows.testing.Visibility;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

/**
 * The onboarding workflow on a time-skipping test server, its registry activities mocked. Every
 * decision is an Update; a validator refusal must reach the caller as {@link
 * WorkflowUpdateException} and leave no trace: no Update event in history, no activity call, the
 * same state. With {@code -Dnoderr.recordHistories=true} the scenarios that call {@link
 * #recordHistory} write their history to {@code src/test/resources/histories/onboarding} for the
 * replay test.
 */
class OnboardingWorkflowTest {

  private static final String APPLICATION = "app-7f3k2q9xmz";
  private static final String REGION = "eu-west";
  private static final String NODE_ID = "eu-west-7f3k2q9xmz";
  private static final String WORKFLOW_ID = OnboardingWorkflow.workflowId(APPLICATION);
  private static final Duration TOKEN_TTL = Duration.ofHours(24);
  private static final Duration REVIEW_WINDOW = Duration.ofHours(72);

  private static final Reviewer ADMIN = new Reviewer("alice", Set.of("ADMIN", "SRE"));
  private static final Reviewer SRE = new Reviewer("bob", Set.of("SRE"));
  private static final String TOKEN = sha256("install-token-1");
  private static final String NEW_TOKEN = sha256("install-token-2");

  private TestWorkflowEnvironment env;
  private OnboardingActivities registry;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker platform = env.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
    registry = mock(OnboardingActivities.class, withSettings().withoutAnnotations());
    when(registry.recordApplication(any())).thenReturn(recorded());
    when(registry.recordTokenIssued(any())).thenReturn(recorded());
    when(registry.recordClosed(any())).thenReturn(recorded());
    when(registry.registerNode(any())).thenReturn(recorded());
    when(registry.checkApplicantStake(any())).thenReturn(StakeVerdict.covered());
    platform.registerActivitiesImplementations(registry);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  // --- approval and registration -------------------------------------------------------------

  @Test
  void run_recordsTheApplication_andWaitsInReview() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    OnboardingState state = workflow.getState();

    assertThat(state.stage()).isEqualTo(OnboardingStage.IN_REVIEW);
    assertThat(state.tokensIssued()).isZero();
    assertThat(state.tokenExpiresAtMillis()).isZero();
    ArgumentCaptor<ApplicationSubmitted> submitted =
        ArgumentCaptor.forClass(ApplicationSubmitted.class);
    verify(registry).recordApplication(submitted.capture());
    assertThat(submitted.getValue()).isEqualTo(application("ORACLE"));
  }

  @Test
  void approve_issuesTokenValidForTheTtl_andRecordsItsHash_whenReviewerIsAdmin() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    long before = env.currentTimeMillis();

    TokenGrant grant = workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    long after = env.currentTimeMillis();
    assertThat(grant.applicationId()).isEqualTo(APPLICATION);
    assertThat(grant.expiresAtMillis())
        .isBetween(before + TOKEN_TTL.toMillis(), after + TOKEN_TTL.toMillis());
    OnboardingState state = workflow.getState();
    assertThat(state.stage()).isEqualTo(OnboardingStage.APPROVED);
    assertThat(state.reviewer()).isEqualTo("alice");
    assertThat(state.tokensIssued()).isEqualTo(1);
    assertThat(state.tokenExpiresAtMillis()).isEqualTo(grant.expiresAtMillis());
    assertThat(tokensIssued())
        .containsExactly(
            new TokenIssued(
                APPLICATION,
                "ORACLE",
                TOKEN,
                grant.expiresAtMillis(),
                "alice",
                false,
                WORKFLOW_ID));
  }

  @Test
  void approve_isRefusedWithTheShortfall_whileTheOperatorsStakeFallsShort_andIssuesNothing() {
    String shortfall =
        "operator 0xab stakes 2000 NODR; ORACLE nodes need 5000 NODR (stake.minimum.oracle)";
    when(registry.checkApplicantStake(any()))
        .thenReturn(new StakeVerdict(shortfall))
        .thenReturn(StakeVerdict.covered());
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertThatThrownBy(() -> workflow.approve(new ApproveCommand(ADMIN, TOKEN)))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getOriginalMessage()).startsWith(shortfall);
              assertThat(failure.getType()).isEqualTo(OnboardingWorkflowImpl.STAKE_SHORTFALL);
            });
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.IN_REVIEW);
    verify(registry, never()).recordTokenIssued(any());
    verify(registry).checkApplicantStake(application("ORACLE"));

    // Once the operator stakes enough, the same application is approved.
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.APPROVED);
  }

  @Test
  void register_createsNodeNamedRegionThenApplicationSuffix_andCompletesRegistered()
      throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    RegistrationAccepted accepted = workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1")));

    assertThat(accepted).isEqualTo(new RegistrationAccepted(APPLICATION, NODE_ID));
    assertThat(result())
        .isEqualTo(new OnboardingResult(APPLICATION, OnboardingStage.REGISTERED, NODE_ID, null));
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.REGISTERED);
    assertThat(workflow.getState().nodeId()).isEqualTo(NODE_ID);
    assertThat(registrations())
        .containsExactly(
            new NodeRegistration(
                APPLICATION,
                NODE_ID,
                "Acme Nodes",
                "ops@acme.example",
                "ORACLE",
                REGION,
                "0xabc0000000000000000000000000000000000001",
                TOKEN,
                tpm("1"),
                WORKFLOW_ID));
    verify(registry, never()).recordClosed(any());
    recordHistory("approved-and-registered");
  }

  @Test
  void application_isFoundByTierAndOperator_andByItsNode_onceRegistered() throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    Visibility inReview = Visibility.await(workflow, v -> v.stage() != null);
    assertThat(inReview.attributes().get(NoderrSearchAttributes.TIER)).containsExactly("ORACLE");
    assertThat(inReview.attributes().get(NoderrSearchAttributes.OPERATOR))
        .isEqualTo("0xabc0000000000000000000000000000000000001");
    assertThat(inReview.stage()).isEqualTo("IN_REVIEW");
    assertThat(inReview.attributes().containsKey(NoderrSearchAttributes.NODE_ID)).isFalse();
    assertThat(inReview.summary())
        .isEqualTo("Onboarding of Acme Nodes (ORACLE, " + REGION + "), application " + APPLICATION);

    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    assertThat(Visibility.await(workflow, v -> "APPROVED".equals(v.stage())).stage())
        .isEqualTo("APPROVED");
    workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1")));
    result();

    Visibility registered = Visibility.of(workflow);
    assertThat(registered.stage()).isEqualTo("REGISTERED");
    assertThat(registered.attributes().get(NoderrSearchAttributes.NODE_ID))
        .containsExactly(NODE_ID);
    assertThat(registered.summary()).endsWith(": registered as node " + NODE_ID);
    recordHistory("approved-and-registered-searchable");
  }

  @Test
  void rejection_showsInTheStage_andTheSummarySaysWhy() throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    workflow.reject(new RejectCommand(ADMIN, "unknown operator"));
    result();

    Visibility rejected = Visibility.of(workflow);
    assertThat(rejected.stage()).isEqualTo("REJECTED");
    assertThat(rejected.summary()).endsWith(": REJECTED (unknown operator)");
    recordHistory("rejected-searchable");
  }

  @Test
  void register_acceptsSoftwareIdentity_whenTierIsAll() throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ALL");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    RegistrationAccepted accepted = workflow.register(registerCommand(TOKEN, "ALL", software()));

    assertThat(accepted.nodeId()).isEqualTo(NODE_ID);
    assertThat(result().outcome()).isEqualTo(OnboardingStage.REGISTERED);
    assertThat(registrations().getFirst().identity().keyKind()).isEqualTo(KeyKind.SOFTWARE);
    recordHistory("software-key-registered");
  }

  @Test
  void register_retriesTheRegistry_whenTheWriteFailsTransiently() {
    when(registry.registerNode(any()))
        .thenThrow(new IllegalStateException("connection refused"))
        .thenReturn(recorded());
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    RegistrationAccepted accepted = workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1")));

    assertThat(accepted.nodeId()).isEqualTo(NODE_ID);
    verify(registry, times(2)).registerNode(any());
  }

  @Test
  void register_failsWithTheRegistrysReason_andStaysApproved_whenTheRegistryRefuses_thenSucceeds()
      throws IOException {
    when(registry.registerNode(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "this TPM is already registered as another node",
                OnboardingWorkflowImpl.REGISTRATION_REFUSED))
        .thenReturn(recorded());
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    TokenGrant grant = workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertThatThrownBy(() -> workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1"))))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getOriginalMessage())
                  .isEqualTo("this TPM is already registered as another node");
              assertThat(failure.getType()).isEqualTo(OnboardingWorkflowImpl.REGISTRATION_REFUSED);
            });
    OnboardingState refused = workflow.getState();
    assertThat(refused.stage()).isEqualTo(OnboardingStage.APPROVED);
    assertThat(refused.nodeId()).isNull();
    assertThat(refused.tokenExpiresAtMillis()).isEqualTo(grant.expiresAtMillis());
    verify(registry, times(1)).registerNode(any());

    RegistrationAccepted accepted = workflow.register(registerCommand(TOKEN, "ORACLE", tpm("2")));

    assertThat(accepted.nodeId()).isEqualTo(NODE_ID);
    assertThat(result().outcome()).isEqualTo(OnboardingStage.REGISTERED);
    assertThat(registrations())
        .extracting(r -> r.identity().ekCertificateSha256())
        .containsExactly(sha256("ek-1"), sha256("ek-2"));
    recordHistory("registration-refused-then-registered");
  }

  @Test
  void register_refusesASecondRegistration_whileTheFirstIsBeingWritten() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            invocation -> {
              writing.countDown();
              release.await(20, TimeUnit.SECONDS);
              return recorded();
            })
        .when(registry)
        .registerNode(any());
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    WorkflowUpdateHandle<RegistrationAccepted> first =
        stub()
            .startUpdate(
                "register",
                WorkflowUpdateStage.ACCEPTED,
                RegistrationAccepted.class,
                registerCommand(TOKEN, "ORACLE", tpm("1")));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.REGISTERING);

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(TOKEN, "ORACLE", tpm("2"))),
        "install token already used");
    assertRefusedWithoutTrace(
        () -> workflow.reject(new RejectCommand(ADMIN, "changed my mind")),
        "the application is registering and can no longer be rejected");
    assertRefusedWithoutTrace(
        () -> workflow.reissueToken(new ReissueCommand(ADMIN, NEW_TOKEN)),
        "the application is registering and cannot be given a new install token");

    release.countDown();
    assertThat(first.getResult(10, TimeUnit.SECONDS).nodeId()).isEqualTo(NODE_ID);
    assertThat(result().outcome()).isEqualTo(OnboardingStage.REGISTERED);
    verify(registry, times(1)).registerNode(any());
  }

  // --- re-issue -------------------------------------------------------------------------------

  @Test
  void reissueToken_replacesTheHash_movesTheExpiry_andTheOldTokenIsRefused() throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    TokenGrant first = workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    env.sleep(Duration.ofHours(6));

    TokenGrant second = workflow.reissueToken(new ReissueCommand(ADMIN, NEW_TOKEN));

    assertThat(second.expiresAtMillis() - first.expiresAtMillis())
        .isGreaterThanOrEqualTo(Duration.ofHours(6).toMillis());
    assertThat(workflow.getState().tokensIssued()).isEqualTo(2);
    assertThat(workflow.getState().tokenExpiresAtMillis()).isEqualTo(second.expiresAtMillis());
    assertThat(tokensIssued())
        .extracting(TokenIssued::tokenHash, TokenIssued::reissue, TokenIssued::expiresAtMillis)
        .containsExactly(
            tuple(TOKEN, false, first.expiresAtMillis()),
            tuple(NEW_TOKEN, true, second.expiresAtMillis()));

    // Past the first token's expiry the application is still approved: the deadline moved.
    env.sleep(Duration.ofHours(20));
    assertThat(env.currentTimeMillis()).isGreaterThan(first.expiresAtMillis());
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.APPROVED);
    verify(registry, never()).recordClosed(any());

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1"))),
        "install token was replaced by a newer one");

    RegistrationAccepted accepted =
        workflow.register(registerCommand(NEW_TOKEN, "ORACLE", tpm("1")));

    assertThat(accepted.nodeId()).isEqualTo(NODE_ID);
    assertThat(result().outcome()).isEqualTo(OnboardingStage.REGISTERED);
    assertThat(registrations().getFirst().tokenHash()).isEqualTo(NEW_TOKEN);
    recordHistory("reissued-then-registered");
  }

  @Test
  void reissueToken_expiresTheApplication_whenTheNewTokenGoesUnused() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    env.sleep(Duration.ofHours(6));
    TokenGrant second = workflow.reissueToken(new ReissueCommand(ADMIN, NEW_TOKEN));

    OnboardingResult result = result();

    assertThat(result.outcome()).isEqualTo(OnboardingStage.EXPIRED);
    assertThat(env.currentTimeMillis()).isGreaterThanOrEqualTo(second.expiresAtMillis());
  }

  // --- rejection and expiry -------------------------------------------------------------------

  @Test
  void reject_completesRejected_withTheStrippedReason_whenInReview() throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    OnboardingState state = workflow.reject(new RejectCommand(ADMIN, "  no operating history  "));

    assertThat(state.stage()).isEqualTo(OnboardingStage.REJECTED);
    assertThat(state.reason()).isEqualTo("no operating history");
    assertThat(state.reviewer()).isEqualTo("alice");
    assertThat(result())
        .isEqualTo(
            new OnboardingResult(
                APPLICATION, OnboardingStage.REJECTED, null, "no operating history"));
    verify(registry)
        .recordClosed(
            new ApplicationClosed(
                APPLICATION, Outcome.REJECTED, "alice", "no operating history", WORKFLOW_ID));
    verify(registry, never()).recordTokenIssued(any());
    recordHistory("rejected");
  }

  @Test
  void reject_withdrawsTheApproval_andClosesTheApplication_whenTheTokenIsUnused()
      throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    OnboardingState state =
        workflow.reject(new RejectCommand(new Reviewer("carol", Set.of("ADMIN")), "KYC failed"));

    assertThat(state.stage()).isEqualTo(OnboardingStage.REJECTED);
    assertThat(state.reviewer()).isEqualTo("carol");
    assertThat(result().outcome()).isEqualTo(OnboardingStage.REJECTED);
    // recordClosed is what revokes the live token in the registry.
    verify(registry)
        .recordClosed(
            new ApplicationClosed(
                APPLICATION, Outcome.REJECTED, "carol", "KYC failed", WORKFLOW_ID));
    verify(registry, never()).registerNode(any());
    recordHistory("approved-then-withdrawn");
  }

  @Test
  void run_expires_whenNobodyReviewsWithinTheReviewWindow() throws IOException {
    env.start();
    // Read the clock before starting: the review timer starts with the workflow's first task,
    // which may run before this thread reads the clock again.
    long started = env.currentTimeMillis();
    OnboardingWorkflow workflow = start("ORACLE");

    OnboardingResult result = result();

    assertThat(result)
        .isEqualTo(
            new OnboardingResult(
                APPLICATION, OnboardingStage.EXPIRED, null, "not reviewed within 72 h"));
    assertThat(env.currentTimeMillis() - started).isGreaterThanOrEqualTo(REVIEW_WINDOW.toMillis());
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.EXPIRED);
    verify(registry)
        .recordClosed(
            new ApplicationClosed(
                APPLICATION, Outcome.EXPIRED, "system", "not reviewed within 72 h", WORKFLOW_ID));
    recordHistory("review-expired");
  }

  @Test
  void run_expires_whenTheInstallTokenGoesUnusedForItsTtl() throws IOException {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    TokenGrant grant = workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    OnboardingResult result = result();

    assertThat(result)
        .isEqualTo(
            new OnboardingResult(
                APPLICATION, OnboardingStage.EXPIRED, null, "install token expired unused"));
    assertThat(env.currentTimeMillis()).isGreaterThanOrEqualTo(grant.expiresAtMillis());
    assertThat(workflow.getState().reviewer()).isEqualTo("alice");
    verify(registry)
        .recordClosed(
            new ApplicationClosed(
                APPLICATION,
                Outcome.EXPIRED,
                "system",
                "install token expired unused",
                WORKFLOW_ID));
    verify(registry, never()).registerNode(any());
    // A node arriving at or after the expiry finds the application closed. The validator's own
    // "install token expired" branch needs a register validated in the same workflow task as the
    // expiry timer, before the workflow code runs. Tried with the workers stopped across the
    // expiry: the time-skipping test server did not deliver an Update sent while a workflow task
    // was already scheduled, so that branch is not reachable here (a guard for the real server).
    assertThatThrownBy(() -> workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1"))))
        .isInstanceOf(WorkflowNotFoundException.class);
    recordHistory("token-expired");
  }

  @Test
  void approve_beforeTheReviewWindowEnds_keepsTheApplicationOpenPastTheWindow() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    env.sleep(REVIEW_WINDOW.minusHours(1));
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    env.sleep(Duration.ofHours(2));

    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.APPROVED);
    verify(registry, never()).recordClosed(any());
  }

  // --- validator refusals: no trace in history ------------------------------------------------

  @Test
  void approve_isRefused_whenReviewerIsNotAdmin() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.approve(new ApproveCommand(SRE, TOKEN)),
        "bob is not an admin; only admins review applications");
  }

  @Test
  void approve_isRefused_whenReviewerHasNoRolesOrNoName() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.approve(new ApproveCommand(new Reviewer("dave", null), TOKEN)),
        "dave is not an admin");
    assertRefusedWithoutTrace(
        () -> workflow.approve(new ApproveCommand(new Reviewer(" ", Set.of("ADMIN")), TOKEN)),
        "the decision names no reviewer");
    assertRefusedWithoutTrace(
        () -> workflow.approve(new ApproveCommand(null, TOKEN)), "the decision names no reviewer");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "abc123",
        // upper case
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // 65 characters
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        // not hex
        "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
        // the raw token instead of its hash
        "ndr_it_0123456789abcdef0123456789abcdef0123456789abcdef012345678"
      })
  void approve_isRefused_whenTheTokenHashIsMalformed(String hash) {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.approve(new ApproveCommand(ADMIN, hash)),
        "the install token hash must be 64 lowercase hex characters");
  }

  @Test
  void approve_isRefused_whenAlreadyApproved() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.approve(new ApproveCommand(ADMIN, NEW_TOKEN)),
        "the application is approved and cannot be approved");
    verify(registry, times(1)).recordTokenIssued(any());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t\n"})
  void reject_isRefused_withoutAReason(String reason) {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.reject(new RejectCommand(ADMIN, reason)), "a rejection needs a reason");
  }

  @Test
  void reject_isRefused_whenTheReasonIsLongerThan500Characters_andAccepts500() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.reject(new RejectCommand(ADMIN, "x".repeat(501))),
        "the reason is longer than 500 characters");

    assertThat(workflow.reject(new RejectCommand(ADMIN, "x".repeat(500))).stage())
        .isEqualTo(OnboardingStage.REJECTED);
  }

  @Test
  void reject_isRefused_whenReviewerIsNotAdmin() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.reject(new RejectCommand(SRE, "looks odd")), "bob is not an admin");
  }

  @Test
  void reissueToken_isRefused_whenInReview_whenNotAdmin_andWhenTheHashIsMalformed() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.reissueToken(new ReissueCommand(ADMIN, NEW_TOKEN)),
        "the application is in review and cannot be given a new install token");

    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.reissueToken(new ReissueCommand(SRE, NEW_TOKEN)), "bob is not an admin");
    assertRefusedWithoutTrace(
        () -> workflow.reissueToken(new ReissueCommand(ADMIN, NEW_TOKEN.toUpperCase())),
        "the install token hash must be 64 lowercase hex characters");
  }

  @Test
  void register_isRefused_whileTheApplicationIsInReview() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1"))),
        "the application is in review; its install token is not valid");
  }

  @Test
  void register_isRefused_withATokenHashThatIsNotTheLiveOne() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(NEW_TOKEN, "ORACLE", tpm("1"))),
        "install token was replaced by a newer one");
    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(null, "ORACLE", tpm("1"))),
        "install token was replaced by a newer one");
  }

  @Test
  void register_isRefused_forAnotherTier() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(TOKEN, "GUARDIAN", tpm("1"))),
        "install token is for tier ORACLE, not GUARDIAN");
  }

  @Test
  void register_isRefused_withASoftwareKey_forTheOracleTier() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(TOKEN, "ORACLE", software())),
        "tier ORACLE needs a TPM-attested node; software keys are not enough");
  }

  @Test
  void register_isRefused_withoutAnIdentity() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));

    assertRefusedWithoutTrace(
        () -> workflow.register(registerCommand(TOKEN, "ORACLE", null)),
        "the registration carries no identity");
    assertRefusedWithoutTrace(
        () ->
            workflow.register(
                registerCommand(
                    TOKEN, "ORACLE", new NodeIdentity(null, "key", null, null, null, Map.of()))),
        "the registration carries no identity");
  }

  @Test
  void decisions_onAClosedApplication_failAsWorkflowNotFound_andRegisterNothing() {
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1")));
    result();

    // The console maps WorkflowNotFoundException to "the application is closed".
    assertThatThrownBy(() -> workflow.register(registerCommand(TOKEN, "ORACLE", tpm("2"))))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThatThrownBy(() -> workflow.reject(new RejectCommand(ADMIN, "too late")))
        .isInstanceOf(WorkflowNotFoundException.class);
    verify(registry, times(1)).registerNode(any());
    verify(registry, never()).recordClosed(any());
  }

  @Test
  void approve_returnsItsOwnTokensExpiry_whenAReissueIsAcceptedWhileApprovalIsBeingRecorded()
      throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            invocation -> {
              TokenIssued issued = invocation.getArgument(0);
              if (!issued.reissue()) {
                writing.countDown();
                release.await(20, TimeUnit.SECONDS);
              }
              return recorded();
            })
        .when(registry)
        .recordTokenIssued(any());
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    WorkflowUpdateHandle<TokenGrant> approval = startApproval();
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(50);

    // Either the re-issue is refused while the approval is being written, or approve still
    // answers with the expiry of the token it issued.
    TokenGrant reissued = null;
    try {
      reissued = workflow.reissueToken(new ReissueCommand(ADMIN, NEW_TOKEN));
    } catch (WorkflowUpdateException refused) {
      // acceptable: decisions are serialised
    }
    release.countDown();
    TokenGrant approved = approval.getResult(10, TimeUnit.SECONDS);

    assertThat(approved.expiresAtMillis()).isEqualTo(tokensIssued().getFirst().expiresAtMillis());
    if (reissued != null) {
      assertThat(approved.expiresAtMillis()).isLessThan(reissued.expiresAtMillis());
    }
  }

  @Test
  void reject_doesNotOvertakeTheApprovalsRegistryWrite_whenAcceptedWhileItIsInFlight()
      throws Exception {
    List<String> writes = new CopyOnWriteArrayList<>();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(heldUntil(writing, release, () -> writes.add("token recorded")))
        .when(registry)
        .recordTokenIssued(any());
    doAnswer(
            invocation -> {
              writes.add("closed recorded");
              return recorded();
            })
        .when(registry)
        .recordClosed(any());
    env.start();
    OnboardingWorkflow workflow = start("ORACLE");
    WorkflowUpdateHandle<TokenGrant> approval = startApproval();
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Object> rejection = rejectInBackground(workflow, "second reviewer says no");
    Thread.sleep(500);
    release.countDown();
    approval.getResult(10, TimeUnit.SECONDS);
    rejection.get(10, TimeUnit.SECONDS);

    // The registry must end in the workflow's state: a rejection recorded before the token write
    // is overwritten by it (application APPROVED again, a live token for a rejected application).
    if (writes.contains("closed recorded")) {
      assertThat(writes).containsExactly("token recorded", "closed recorded");
    }
  }

  @Test
  void reject_isRecordedAfterTheApplication_whenSentWhileTheApplicationIsBeingRecorded()
      throws Exception {
    List<String> writes = new CopyOnWriteArrayList<>();
    CountDownLatch recording = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(heldUntil(recording, release, () -> writes.add("application recorded")))
        .when(registry)
        .recordApplication(any());
    doAnswer(
            invocation -> {
              writes.add("closed recorded");
              return recorded();
            })
        .when(registry)
        .recordClosed(any());
    env.start();
    OnboardingWorkflow workflow = startWithoutWaiting("ORACLE");
    assertThat(recording.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Object> rejection = rejectInBackground(workflow, "duplicate application");
    Thread.sleep(500);
    release.countDown();
    rejection.get(10, TimeUnit.SECONDS);

    if (writes.contains("closed recorded")) {
      assertThat(writes).containsExactly("application recorded", "closed recorded");
    }
  }

  // --- an application started again after a platform restart ---------------------------------

  @Test
  void resumedApproved_keepsItsInstallToken_andRegistersTheNode() throws IOException {
    env.start();
    long expiresAt = env.currentTimeMillis() + Duration.ofHours(5).toMillis();

    OnboardingWorkflow workflow = resume(Resumption.approved("alice", TOKEN, expiresAt));

    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.APPROVED);
    assertThat(workflow.getState().tokenExpiresAtMillis()).isEqualTo(expiresAt);
    assertThatThrownBy(() -> workflow.register(registerCommand(NEW_TOKEN, "ORACLE", tpm("1"))))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(workflow.register(registerCommand(TOKEN, "ORACLE", tpm("1"))))
        .isEqualTo(new RegistrationAccepted(APPLICATION, NODE_ID));
    assertThat(result().outcome()).isEqualTo(OnboardingStage.REGISTERED);
    verify(registry, never()).recordTokenIssued(any());
    recordHistory("resumed-approved-then-registered");
  }

  @Test
  void resumedApproved_expires_whenItsTokenRunsOutUnused() {
    env.start();
    long expiresAt = env.currentTimeMillis() + Duration.ofHours(1).toMillis();

    resume(Resumption.approved("alice", TOKEN, expiresAt));

    assertThat(result().outcome()).isEqualTo(OnboardingStage.EXPIRED);
    assertThat(result().reason()).isEqualTo("install token expired unused");
    assertThat(env.currentTimeMillis()).isLessThan(expiresAt + Duration.ofHours(1).toMillis());
  }

  @Test
  void resumedInReview_canStillBeApproved() {
    env.start();
    long reviewDeadline = env.currentTimeMillis() + Duration.ofHours(1).toMillis();

    OnboardingWorkflow workflow = resume(Resumption.inReview(reviewDeadline));

    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.IN_REVIEW);
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.APPROVED);
    assertThat(tokensIssued()).extracting(TokenIssued::tokenHash).containsExactly(TOKEN);
  }

  @Test
  void resumedInReview_expiresAtItsOriginalReviewDeadline_notAFullWindowLater() {
    env.start();
    long reviewDeadline = env.currentTimeMillis() + Duration.ofHours(1).toMillis();

    resume(Resumption.inReview(reviewDeadline));

    assertThat(result().outcome()).isEqualTo(OnboardingStage.EXPIRED);
    assertThat(env.currentTimeMillis()).isLessThan(reviewDeadline + Duration.ofHours(1).toMillis());
  }

  // --- helpers --------------------------------------------------------------------------------

  private OnboardingWorkflow start(String tier) {
    OnboardingWorkflow workflow = startWithoutWaiting(tier);
    awaitApplicationRecorded();
    return workflow;
  }

  /** Starts the workflow without waiting for its first activity (the application's row). */
  private OnboardingWorkflow startWithoutWaiting(String tier) {
    return startWith(
        new OnboardingInput(application(tier), TOKEN_TTL.toMillis(), REVIEW_WINDOW.toMillis()));
  }

  /** Starts the workflow as the platform does after a restart lost it. */
  private OnboardingWorkflow resume(Resumption resumption) {
    OnboardingWorkflow workflow =
        startWith(
            new OnboardingInput(
                application("ORACLE"), TOKEN_TTL.toMillis(), REVIEW_WINDOW.toMillis(), resumption));
    awaitApplicationRecorded();
    return workflow;
  }

  private OnboardingWorkflow startWith(OnboardingInput input) {
    OnboardingWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                OnboardingWorkflow.class, OnboardingWorkflow.startOptions(input).build());
    WorkflowClient.start(workflow::run, input);
    return workflow;
  }

  /** Starts an approval and returns once it was accepted (its registry write may be running). */
  private WorkflowUpdateHandle<TokenGrant> startApproval() {
    return stub()
        .startUpdate(
            "approve",
            WorkflowUpdateStage.ACCEPTED,
            TokenGrant.class,
            new ApproveCommand(ADMIN, TOKEN));
  }

  /**
   * A mocked activity that signals it started, then holds until released, then runs {@code after}.
   */
  private static Answer<StepRecorded> heldUntil(
      CountDownLatch started, CountDownLatch release, Runnable after) {
    return invocation -> {
      started.countDown();
      release.await(20, TimeUnit.SECONDS);
      after.run();
      return recorded();
    };
  }

  /** A rejection sent from another thread; yields its answer or the refusal. */
  private static CompletableFuture<Object> rejectInBackground(
      OnboardingWorkflow workflow, String reason) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return workflow.reject(new RejectCommand(ADMIN, reason));
          } catch (WorkflowUpdateException refused) {
            return refused;
          }
        });
  }

  /** Decisions in these tests come after the application's row is written, as in the console. */
  private void awaitApplicationRecorded() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count(history().getEvents(), EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) == 0) {
      assertThat(System.nanoTime()).as("application recorded in time").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private WorkflowStub stub() {
    return env.getWorkflowClient().newUntypedWorkflowStub(WORKFLOW_ID);
  }

  private OnboardingResult result() {
    return stub().getResult(OnboardingResult.class);
  }

  /**
   * The update is refused by its validator: the caller gets the reason, and the workflow shows no
   * sign of it (no Update event, no new activity, no state change).
   */
  private void assertRefusedWithoutTrace(ThrowingCallable update, String reason) {
    OnboardingState before =
        env.getWorkflowClient().newWorkflowStub(OnboardingWorkflow.class, WORKFLOW_ID).getState();
    List<HistoryEvent> historyBefore = history().getEvents();
    int callsBefore = mockingDetails(registry).getInvocations().size();

    assertThatThrownBy(update)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getOriginalMessage()).contains(reason));

    OnboardingState after =
        env.getWorkflowClient().newWorkflowStub(OnboardingWorkflow.class, WORKFLOW_ID).getState();
    assertThat(after).isEqualTo(before);
    List<HistoryEvent> historyAfter = history().getEvents();
    assertThat(count(historyAfter, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
        .isEqualTo(count(historyBefore, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED));
    assertThat(count(historyAfter, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED))
        .isZero();
    assertThat(count(historyAfter, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(count(historyBefore, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
    assertThat(mockingDetails(registry).getInvocations()).hasSize(callsBefore);
  }

  private WorkflowExecutionHistory history() {
    return env.getWorkflowClient().fetchHistory(WORKFLOW_ID);
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }

  private List<TokenIssued> tokensIssued() {
    ArgumentCaptor<TokenIssued> issued = ArgumentCaptor.forClass(TokenIssued.class);
    verify(registry, atLeastOnce()).recordTokenIssued(issued.capture());
    return issued.getAllValues();
  }

  private List<NodeRegistration> registrations() {
    ArgumentCaptor<NodeRegistration> registration = ArgumentCaptor.forClass(NodeRegistration.class);
    verify(registry, atLeastOnce()).registerNode(registration.capture());
    return registration.getAllValues();
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/onboarding", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, history().toJson(true));
  }

  private static ApplicationSubmitted application(String tier) {
    return new ApplicationSubmitted(
        APPLICATION,
        "Acme Nodes",
        "ops@acme.example",
        tier,
        REGION,
        "0xabc0000000000000000000000000000000000001",
        WORKFLOW_ID);
  }

  private static RegisterCommand registerCommand(String hash, String tier, NodeIdentity identity) {
    return new RegisterCommand(hash, tier, identity);
  }

  /** A TPM identity; {@code ek} tells different TPMs apart. */
  private static NodeIdentity tpm(String ek) {
    return new NodeIdentity(
        KeyKind.TPM,
        "AAEACwAFAHIAAAAQABgACwADABAAIAB" + ek,
        "000b" + sha256("ak-" + ek),
        "AAEACwADALIAIINxl2dEhLP4GpDMjUal" + ek,
        sha256("ek-" + ek),
        Map.of("0", sha256("pcr0"), "7", sha256("pcr7")));
  }

  private static NodeIdentity software() {
    return new NodeIdentity(
        KeyKind.SOFTWARE,
        "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=",
        null,
        null,
        null,
        Map.of());
  }

  private static StepRecorded recorded() {
    return new StepRecorded(APPLICATION, true);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
