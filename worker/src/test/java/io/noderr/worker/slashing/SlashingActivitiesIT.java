package io.noderr.worker.slashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.slashing.DisputeOpening;
import io.noderr.activities.slashing.DisputeProgress;
import io.noderr.activities.slashing.DisputeProgress.AuditStep;
import io.noderr.activities.slashing.DisputeTerms;
import io.noderr.activities.slashing.NonceQuery;
import io.noderr.activities.slashing.RewardExclusionRequest;
import io.noderr.activities.slashing.SlashExecuted;
import io.noderr.activities.slashing.SlashRequest;
import io.noderr.activities.slashing.SlashingCause;
import io.noderr.activities.slashing.SlashingFailures;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceIdentities;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.slashing.DisputeOpened;
import io.noderr.registry.slashing.SlashingDisputeRow;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.registry.slashing.SlashingEvidence;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.signing.SlashAction;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.TestChain;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The slashing activities against a real multisig and staking contract on ganache (the multisig is
 * the staking contract's slasher) and the registry in PostgreSQL: an operator stakes 2,000 NODR,
 * its node is disputed, and the demo signers (2 of 3) slash through the multisig.
 */
class SlashingActivitiesIT {

  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();
  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static final BigInteger STAKE = GovernanceSettings.nodr(2_000);

  private final Address operator = DemoOperators.addresses().getFirst();
  private final SlashingDisputes disputes = db.bean(SlashingDisputes.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  private DevChain chain;
  private DemoDeployment deployment;
  private DemoGovernance governance;
  private ChainBeacon beacon;
  private NoderrStaking staking;
  private SlashingPlatformActivitiesImpl platform;
  private SlashingChainActivitiesImpl chainActivities;

  @BeforeEach
  void operatorStakesAndRunsANode() throws Exception {
    chain = TEST_CHAIN.chain();
    deployment = DemoDeployment.deploy(chain);
    governance = DemoGovernance.deploy(chain, deployment.multisig());
    TransactionManager tx =
        new RawTransactionManager(
            chain.web3j(),
            Credentials.create(DemoOperators.key(1)),
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
    NoderrToken.load(governance.token().value(), chain.web3j(), tx, DevChain.GAS)
        .approve(governance.staking().value(), STAKE)
        .send();
    staking = NoderrStaking.load(governance.staking().value(), chain.web3j(), tx, DevChain.GAS);
    staking.stake(STAKE).send();

    db.insertNode("slash-1", operator.value(), Tier.ALL, "eu-west", "ACTIVE");
    db.jdbc()
        .update(
            "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
                + " signing_address, status) VALUES ('slash-app', 'op', 'op@example.org', 'ALL',"
                + " 'eu-west', ?, 'APPROVED')",
            operator.checksummed());
    // Ten nodes in service: a correlated dispute adds 3 × 10,000 / 10 = 3,000 bp.
    for (int i = 2; i <= 10; i++) {
      db.insertNode("other-" + i, "sim-operator", Tier.ALL, "eu-west", "ACTIVE");
    }
    db.insertNode("unbacked-1", "sim-operator", Tier.ALL, "eu-west", "RETIRED");

    beacon =
        ChainBeacon.connect(
            TEST_CHAIN.beacon(
                chain.rpcUrl(), DevChain.CHAIN_ID, deployment.multisig(), null, 6_000_000),
            true);
    ChainSlashing chainSlashing =
        new ChainSlashing(beacon, deployment.multisig(), governance.staking());
    platform =
        new SlashingPlatformActivitiesImpl(
            db.bean(GovernanceIdentities.class),
            new SlashingSettings(
                db.bean(GovernanceParameters.class), SlashingDefaults.properties()),
            chainSlashing,
            beacon,
            disputes,
            db.bean(SlashingEvidence.class),
            db.bean(RewardExclusions.class),
            audit);
    chainActivities = new SlashingChainActivitiesImpl(chainSlashing, beacon);
  }

  @AfterEach
  void close() {
    beacon.close();
  }

  @Test
  void open_readsTheTermsFromChainAndRegistry_recordsTheDisputeOnce_andTellsTheOperator() {
    disputes.open(
        new DisputeOpened(
            "earlier",
            "other-2",
            "0x0000000000000000000000000000000000000001",
            "SUSTAINED_DOWNTIME",
            "silent",
            "system",
            BigInteger.ONE,
            100));
    DisputeOpening opening = downtime("d-1", "slash-1");

    DisputeTerms terms = platform.open(opening);

    assertThat(terms.operator()).isEqualTo(operator.value());
    assertThat(terms.stake()).isEqualTo(STAKE.toString());
    assertThat(terms.chainId()).isEqualTo(DevChain.CHAIN_ID);
    assertThat(terms.multisig()).isEqualTo(deployment.multisig().value());
    assertThat(terms.staking()).isEqualTo(governance.staking().value());
    assertThat(terms.signers())
        .containsExactlyElementsOf(deployment.signers().stream().map(Address::value).toList());
    assertThat(terms.threshold()).isEqualTo(2);
    assertThat(terms.challengeWindowSeconds()).isEqualTo(Duration.ofHours(24).toSeconds());
    assertThat(terms.decisionWindowSeconds()).isEqualTo(Duration.ofHours(72).toSeconds());
    assertThat(terms.appealWindowSeconds()).isEqualTo(Duration.ofHours(24).toSeconds());
    assertThat(terms.minimumPenaltyBp()).isEqualTo(100);
    assertThat(terms.maximumPenaltyBp()).isEqualTo(5000);
    assertThat(terms.correlatedNodes()).isEqualTo(2);
    assertThat(terms.activeNodes()).isEqualTo(10);

    SlashingDisputeRow row = disputes.of("d-1").orElseThrow();
    assertThat(row.stage()).isEqualTo("OPENING");
    assertThat(row.operatorAddress()).isEqualTo(operator.value());
    // 100 + 3 × 10,000 × 1 / 10 = 3,100 bp of 2,000 NODR.
    assertThat(row.penaltyBp()).isEqualTo(3_100);
    assertThat(row.penalty()).isEqualTo(GovernanceSettings.nodr(620));
    assertThat(audit.recentFor(operator.value(), 5))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo("slashing.dispute-opened");
              assertThat(entry.detail()).contains("d-1", "slash-1", "SUSTAINED_DOWNTIME");
            });

    // A retried open reads the same terms and tells nobody twice.
    assertThat(platform.open(opening)).isEqualTo(terms);
    assertThat(audit.recentFor(operator.value(), 5)).hasSize(1);
  }

  @Test
  void open_withoutAnOperatorAddress_isNotSlashable() {
    assertThatThrownBy(() -> platform.open(downtime("d-2", "other-2")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("node other-2 has no operator address")
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e).getType())
                    .isEqualTo(SlashingFailures.NOT_SLASHABLE));
    assertThat(disputes.of("d-2")).isEmpty();
  }

  @Test
  void slash_executesWithTwoSignerSignatures_aRetryFindsIt_andStaleSignaturesAreRefused()
      throws Exception {
    BigInteger amount = GovernanceSettings.nodr(200);
    long deadline = blockTime() + 3_600;
    String nonce = chainActivities.multisigNonce(new NonceQuery("d-3")).nonce();
    SlashRequest request = signed("d-3", amount, new BigInteger(nonce), deadline);

    SlashExecuted executed = chainActivities.slash(request);

    assertThat(executed.transactionHash()).startsWith("0x");
    assertThat(staking.stakeOf(operator.value()).send()).isEqualTo(STAKE.subtract(amount));
    assertThat(chainActivities.multisigNonce(new NonceQuery("d-3")).nonce()).isEqualTo("1");

    // The activity retried after the slashing went through: the same transaction, nothing more.
    assertThat(chainActivities.slash(request)).isEqualTo(executed);
    assertThat(staking.stakeOf(operator.value()).send()).isEqualTo(STAKE.subtract(amount));

    SlashRequest stale = signed("d-4", GovernanceSettings.nodr(1), new BigInteger(nonce), deadline);
    assertThatThrownBy(() -> chainActivities.slash(stale))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            e -> {
              ApplicationFailure refusal = (ApplicationFailure) e;
              assertThat(refusal.getOriginalMessage()).startsWith("NonceMoved(0, 1)");
              assertThat(refusal.getType()).isEqualTo(SlashingFailures.SLASH_REFUSED);
            });
  }

  @Test
  void slash_withOneSignature_isRefusedWithTheMultisigsReason() throws Exception {
    SlashRequest request =
        signed("d-5", GovernanceSettings.nodr(1), BigInteger.ZERO, blockTime() + 3_600);
    SlashRequest oneSignature =
        new SlashRequest(
            request.disputeId(),
            request.operator(),
            request.amount(),
            request.nonce(),
            request.deadline(),
            request.signatures().subList(0, 1));

    assertThatThrownBy(() -> chainActivities.slash(oneSignature))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("the multisig refused: NotEnoughSignatures");
    assertThat(staking.stakeOf(operator.value()).send()).isEqualTo(STAKE);
  }

  @Test
  void exclusionAndProgress_areRecordedOncePerStep() {
    DisputeOpening opening = downtime("d-6", "slash-1");
    RewardExclusionRequest exclusion =
        new RewardExclusionRequest("slash-1", "slashed in dispute d-6", "d-6");

    platform.excludeFromRewards(exclusion);
    platform.excludeFromRewards(exclusion);

    assertThat(
            db.bean(RewardExclusions.class)
                .decidedIn(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("slashing");
              assertThat(e.reference()).isEqualTo("d-6");
            });

    DisputeProgress opened = progress(opening, "AWAITING_ANSWER", 1, "slashing.opened");
    platform.recordProgress(opened);
    platform.recordProgress(opened);
    platform.recordProgress(progress(opening, "AWAITING_DECISION", 2, "slashing.unanswered"));
    // A late retry of step 1 does not move the dispute back.
    platform.recordProgress(opened);

    assertThat(disputes.of("d-6").orElseThrow().stage()).isEqualTo("AWAITING_DECISION");
    assertThat(disputes.of("d-6").orElseThrow().recordedSteps()).isEqualTo(2);
    assertThat(audit.recentFor("dispute-d-6", 10))
        .extracting(e -> e.action())
        .containsExactly("slashing.unanswered", "slashing.opened");
  }

  private SlashRequest signed(
      String disputeId, BigInteger amount, BigInteger nonce, long deadline) {
    byte[] digest =
        new SlashAction(governance.staking(), operator, amount, nonce, deadline)
            .digest(new MultisigDomain(DevChain.CHAIN_ID, deployment.multisig()));
    List<String> signatures =
        DemoSigners.keys().stream()
            .sorted(Comparator.comparing(Signatures::addressOf))
            .limit(2)
            .map((ECKeyPair key) -> Signatures.sign(digest, key))
            .toList();
    return new SlashRequest(
        disputeId, operator.value(), amount.toString(), nonce.toString(), deadline, signatures);
  }

  private long blockTime() throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private static DisputeOpening downtime(String disputeId, String nodeId) {
    return new DisputeOpening(
        disputeId, nodeId, SlashingCause.SUSTAINED_DOWNTIME, "no heartbeat for 7 h", "system");
  }

  private static DisputeProgress progress(
      DisputeOpening opening, String stage, int step, String action) {
    return new DisputeProgress(
        opening,
        stage,
        null,
        null,
        0,
        null,
        null,
        List.of(),
        null,
        null,
        new AuditStep(step, "system", action, stage));
  }
}
