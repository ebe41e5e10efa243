package io.noderr.worker.treasury;

import static io.noderr.contracts.devchain.GovernanceSettings.nodr;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoEconomics;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.MultisigRewardRoots;
import io.noderr.contracts.generated.FeeCollector;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.treasury.AccountBalance;
import io.noderr.registry.treasury.EntryKind;
import io.noderr.registry.treasury.EntryRow;
import io.noderr.registry.treasury.EpochFlow;
import io.noderr.registry.treasury.ReconciliationRow;
import io.noderr.registry.treasury.TreasuryAccount;
import io.noderr.registry.treasury.TreasuryLedger;
import io.noderr.registry.treasury.TreasuryOverview;
import io.noderr.registry.treasury.TreasuryReconciliations;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.PublishRewardRootAction;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import io.noderr.worker.alert.AlertProperties;
import io.noderr.worker.alert.rules.Runbooks;
import io.noderr.worker.alert.rules.TreasuryDriftRule;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.TestChain;
import io.noderr.worker.governance.GovernanceProperties;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The treasury ledger mirrored from a real local EVM (ganache) into a real PostgreSQL: a fresh
 * multisig, governance and economics deployment; fees paid by payFee and by a plain transfer and
 * swept 70/30; a reward epoch funded through the 2-of-3 multisig, claimed twice and clawed back.
 * Every entry balances, every holder's ledger balance equals its balance on chain, the epoch's
 * flows add up, a range read twice adds nothing, and a ledger that lost an entry drifts and alerts.
 */
class TreasuryLedgerIT {

  @RegisterExtension static final TestChain TEST_CHAIN = new TestChain();

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(
                AlertProperties.class,
                () ->
                    new Binder(new MapConfigurationPropertySource(Map.of()))
                        .bindOrCreate("noderr.alerts", AlertProperties.class));
            context.registerBean(Runbooks.class);
            context.registerBean(TreasuryDriftRule.class);
          });

  private static final long EPOCH = 1;
  private static final Duration PENDING_DELAY = Duration.ofSeconds(60);
  private static final Duration CLAIM_PERIOD = Duration.ofHours(1);
  private static final byte[] REFERENCE = new byte[32];

  private final TreasuryLedger ledger = db.bean(TreasuryLedger.class);
  private final TreasuryReconciliations reconciliations = db.bean(TreasuryReconciliations.class);

  private DevChain chain;
  private long startBlock;
  private NoderrMultisig multisig;
  private NoderrToken token;
  private DemoEconomics economics;
  private TreasuryHolders holders;
  private ChainBeacon beacon;
  private TreasuryFollower follower;
  private TreasuryReconciliation reconciliation;

  @BeforeEach
  void deploy() throws Exception {
    chain = TEST_CHAIN.chain();
    startBlock = head() + 1;
    DemoDeployment deployment = DemoDeployment.deploy(chain);
    DemoGovernance governance = DemoGovernance.deploy(chain, deployment.multisig());
    economics =
        DemoEconomics.deploy(chain, deployment.multisig(), governance, PENDING_DELAY, CLAIM_PERIOD);
    multisig =
        NoderrMultisig.load(
            deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
    token = governance.token(chain);
    GovernanceProperties governanceProperties =
        new GovernanceProperties(
            governance.governor(),
            governance.staking(),
            governance.parameters(),
            governance.timelock(),
            governance.token(),
            Duration.ofMillis(100),
            0,
            startBlock);
    BeaconProperties beaconProperties = TEST_CHAIN.beacon(deployment.multisig());
    holders =
        TreasuryHolders.of(
            new EconomicsProperties(
                economics.distributor(), economics.feeCollector(), Duration.ofMinutes(1)),
            governanceProperties,
            beaconProperties);
    beacon = ChainBeacon.connect(beaconProperties, true);
    follower = new TreasuryFollower(beacon, holders, ledger, governanceProperties, 2000);
    reconciliation =
        new TreasuryReconciliation(
            ledger, reconciliations, holders, beacon, new SimpleMeterRegistry());
  }

  @AfterEach
  void close() {
    beacon.close();
  }

  @Test
  void feesRewardsClaimsAndClawback_becomeBalancedEntries_matchingTheChain() throws Exception {
    FeeCollector fees =
        FeeCollector.load(
            economics.feeCollector().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
    String payer = chain.sender().getAddress();
    token.mint(payer, nodr(1_000)).send();
    token.approve(economics.feeCollector().value(), nodr(300)).send();
    fees.payFee(nodr(300), REFERENCE).send();
    token.transfer(economics.feeCollector().value(), nodr(100)).send();
    fees.sweep().send();

    List<Address> operators = List.of(newAddress(), newAddress(), newAddress());
    RewardTree tree =
        RewardTree.of(
            List.of(
                new RewardLeaf(EPOCH, operators.get(0), nodr(40)),
                new RewardLeaf(EPOCH, operators.get(1), nodr(25)),
                new RewardLeaf(EPOCH, operators.get(2), nodr(10))));
    PublishRewardRootAction action =
        PublishRewardRootAction.of(
            economics.distributor(), tree, multisig.nonce().send(), chainTime() + 3600);
    new MultisigRewardRoots(chain, Address.of(multisig.getContractAddress()))
        .publish(action, quorum())
        .send();
    chain.advanceTime(PENDING_DELAY.plusSeconds(1));
    RewardDistributor distributor =
        RewardDistributor.load(
            economics.distributor().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
    claim(distributor, tree, operators.get(0), nodr(40));
    claim(distributor, tree, operators.get(1), nodr(25));
    chain.advanceTime(PENDING_DELAY.plus(CLAIM_PERIOD).plusSeconds(1));
    distributor.clawback(BigInteger.valueOf(EPOCH)).send();

    long head = head();
    follower.recordRange(startBlock, head);

    assertThat(
            db.jdbc()
                .queryForList(
                    "SELECT entry_id FROM treasury_postings GROUP BY entry_id"
                        + " HAVING sum(amount) <> 0 OR count(*) < 2",
                    Long.class))
        .as("every entry balances")
        .isEmpty();
    assertThat(kinds())
        .containsEntry(EntryKind.MINT, 2L)
        .containsEntry(EntryKind.FEE_IN, 2L)
        .containsEntry(EntryKind.FEES_SWEPT, 2L)
        .containsEntry(EntryKind.REWARDS_FUNDED, 1L)
        .containsEntry(EntryKind.REWARD_CLAIMED, 2L)
        .containsEntry(EntryKind.CLAWBACK, 1L)
        .hasSize(6);
    Map<String, BigInteger> balances = balances();
    for (TreasuryAccount holder : holders.accounts()) {
      assertThat(balances.get(holder.code()))
          .as(holder.code())
          .isEqualTo(token.balanceOf(holder.address()).send());
    }
    assertThat(balances)
        .containsEntry("external:operators", nodr(65))
        .containsEntry("external:fees", nodr(-400))
        .containsEntry(
            TreasuryAccount.REWARDS_TREASURY,
            DemoEconomics.REWARD_POOL_TOKENS.add(nodr(280)).subtract(nodr(75)))
        .containsEntry(TreasuryAccount.FEE_COLLECTOR, BigInteger.ZERO)
        .containsEntry(TreasuryAccount.DISTRIBUTOR, BigInteger.ZERO);
    assertThat(ledger.flowsPerEpoch())
        .filteredOn(flow -> Long.valueOf(EPOCH).equals(flow.epoch()))
        .containsExactly(
            new EpochFlow(EPOCH, EntryKind.CLAWBACK, nodr(10), 1),
            new EpochFlow(EPOCH, EntryKind.REWARDS_FUNDED, nodr(75), 1),
            new EpochFlow(EPOCH, EntryKind.REWARD_CLAIMED, nodr(65), 2));
    assertThat(ledger.recentEntries(20))
        .filteredOn(entry -> entry.kind() == EntryKind.FEES_SWEPT)
        .extracting(EntryRow::postings)
        .containsExactlyInAnyOrder(
            Map.of(
                TreasuryAccount.REWARDS_TREASURY, nodr(280),
                TreasuryAccount.FEE_COLLECTOR, nodr(-280)),
            Map.of(
                TreasuryAccount.GOVERNANCE_TREASURY, nodr(120),
                TreasuryAccount.FEE_COLLECTOR, nodr(-120)));
    assertThat(ledger.recentEntries(20))
        .filteredOn(entry -> entry.kind() == EntryKind.FEE_IN)
        .extracting(EntryRow::memo)
        .containsExactlyInAnyOrder(
            "payFee by " + payer.toLowerCase(), "plain transfer from " + payer.toLowerCase());

    List<ReconciliationRow> agreed = reconciliation.reconcile();
    assertThat(agreed).hasSize(4).noneMatch(ReconciliationRow::drifting);
    assertThat(agreed).allSatisfy(row -> assertThat(row.block()).isEqualTo(head));
    assertThat(db.bean(TreasuryOverview.class).status().drifting()).isFalse();
    assertThat(db.bean(TreasuryDriftRule.class).evaluate(Instant.now())).isEmpty();
  }

  @Test
  void readingARangeTwice_addsNothing() throws Exception {
    fundTheFeeCollector();
    long head = head();
    follower.recordRange(startBlock, head);
    List<AccountBalance> once = ledger.balances();
    long entries = entries();

    follower.recordRange(startBlock, head);
    follower.recordRange(head - 1, head);

    assertThat(entries()).isEqualTo(entries).isPositive();
    assertThat(ledger.balances()).isEqualTo(once);
    assertThat(ledger.cursor(DevChain.CHAIN_ID, holders.token())).hasValue(head);
  }

  @Test
  void aLedgerThatLostAnEntry_drifts_andRaisesTheAlert() throws Exception {
    fundTheFeeCollector();
    follower.recordRange(startBlock, head());
    db.jdbc().update("DELETE FROM treasury_entries WHERE kind = 'FEE_IN'");

    List<ReconciliationRow> rows = reconciliation.reconcile();

    assertThat(rows)
        .filteredOn(ReconciliationRow::drifting)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.account()).isEqualTo(TreasuryAccount.FEE_COLLECTOR);
              assertThat(row.ledgerBalance()).isZero();
              assertThat(row.chainBalance()).isEqualTo(nodr(7));
              assertThat(row.drift()).isEqualTo(nodr(-7));
            });
    assertThat(reconciliations.latest()).hasSize(4);
    assertThat(db.bean(TreasuryOverview.class).status().drifting()).isTrue();
    List<Finding> findings = db.bean(TreasuryDriftRule.class).evaluate(Instant.now());
    assertThat(findings)
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.fingerprint()).isEqualTo("TreasuryDrift/account=fee-collector");
              assertThat(finding.labels()).containsEntry("account", "fee-collector");
              assertThat(finding.summary()).contains("off by -" + nodr(7));
            });
  }

  private void fundTheFeeCollector() throws Exception {
    token.mint(economics.feeCollector().value(), nodr(7)).send();
  }

  private void claim(
      RewardDistributor distributor, RewardTree tree, Address account, BigInteger amount)
      throws Exception {
    distributor
        .claim(BigInteger.valueOf(EPOCH), account.value(), amount, tree.proof(account))
        .send();
  }

  private static List<org.web3j.crypto.ECKeyPair> quorum() {
    return DemoSigners.keys().stream()
        .sorted(Comparator.comparing(Signatures::addressOf))
        .limit(DemoSigners.THRESHOLD)
        .toList();
  }

  private Map<EntryKind, Long> kinds() {
    return ledger.recentEntries(100).stream()
        .collect(Collectors.groupingBy(EntryRow::kind, Collectors.counting()));
  }

  private Map<String, BigInteger> balances() {
    return ledger.balances().stream()
        .collect(Collectors.toMap(b -> b.account().code(), AccountBalance::balance));
  }

  private long entries() {
    return db.jdbc().queryForObject("SELECT count(*) FROM treasury_entries", Long.class);
  }

  private long head() throws Exception {
    return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  private long chainTime() throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private static Address newAddress() throws Exception {
    return Signatures.addressOf(Keys.createEcKeyPair());
  }
}
