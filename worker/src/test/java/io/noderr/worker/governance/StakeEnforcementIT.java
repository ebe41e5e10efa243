package io.noderr.worker.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.StakeFlags;
import io.noderr.registry.rollout.RolloutCandidate;
import io.noderr.registry.rollout.RolloutCandidates;
import io.noderr.signing.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Stake enforcement against the real staking contract on ganache and the registry in PostgreSQL:
 * the dev chain's minimums are 1,000 NODR for ALL and 5,000 NODR for ORACLE nodes.
 */
class StakeEnforcementIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static DevChain chain;
  private static DemoGovernance governance;

  private final Address operator = DemoOperators.addresses().getFirst();
  private final String operatorId = operator.value().toLowerCase(java.util.Locale.ROOT);
  private NoderrStaking operatorStaking;
  private StakeEnforcementJob job;

  @BeforeAll
  static void deploy() throws Exception {
    chain = DevChain.start();
    governance = DemoGovernance.deploy(chain, Address.of(chain.sender().getAddress()));
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @BeforeEach
  void operatorWithTwoThousandStaked() throws Exception {
    TransactionManager tx =
        new RawTransactionManager(
            chain.web3j(),
            Credentials.create(DemoOperators.key(1)),
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
    NoderrToken token =
        NoderrToken.load(governance.token().value(), chain.web3j(), tx, DevChain.GAS);
    operatorStaking =
        NoderrStaking.load(governance.staking().value(), chain.web3j(), tx, DevChain.GAS);
    token.approve(governance.staking().value(), DemoGovernance.OPERATOR_TOKENS).send();
    BigInteger staked = operatorStaking.stakeOf(operator.value()).send();
    BigInteger wanted = GovernanceSettings.nodr(2_000);
    if (staked.compareTo(wanted) < 0) {
      operatorStaking.stake(wanted.subtract(staked)).send();
    } else if (staked.compareTo(wanted) > 0) {
      operatorStaking.requestUnbond(staked.subtract(wanted)).send();
    }
    job =
        new StakeEnforcementJob(
            db.bean(StakeFlags.class), new StakeStanding(chain.web3j(), governance.staking()));
    db.insertNode("all-1", operatorId, Tier.ALL, "eu-west", "ACTIVE");
    db.insertNode("oracle-1", operatorId, Tier.ORACLE, "eu-west", "ACTIVE");
    db.insertNode("oracle-2", operatorId, Tier.ORACLE, "eu-west", "DEGRADED");
    db.insertNode("sim-1", "sim-operator-1", Tier.ORACLE, "eu-west", "ACTIVE");
  }

  @Test
  void nodesOfATierTheStakeDoesNotCover_areFlaggedWithTheReason_andLeftOutOfRollouts()
      throws Exception {
    assertThat(job.enforce()).isEqualTo(2);

    StakeFlags flags = db.bean(StakeFlags.class);
    assertThat(flags.shortfallOf("oracle-1"))
        .isEqualTo(
            "operator "
                + operator.value()
                + " stakes 2000 NODR; ORACLE nodes need 5000 NODR (stake.minimum.oracle)");
    assertThat(flags.shortfallOf("oracle-2")).isNotNull();
    assertThat(flags.shortfallOf("all-1")).isNull();
    // An operator without a governance identity (a fleet-token node) is not judged by stake.
    assertThat(flags.shortfallOf("sim-1")).isNull();
    assertThat(db.bean(RolloutCandidates.class).inTiers(List.of(Tier.ORACLE)))
        .extracting(RolloutCandidate::nodeId)
        .containsExactly("sim-1");
    assertThat(db.bean(RolloutCandidates.class).underStakedIn(List.of(Tier.ORACLE))).isEqualTo(2);
    assertThat(db.bean(AuditLog.class).recentFor("oracle-1", 5))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo("node.stake-shortfall");
              assertThat(entry.actor()).isEqualTo(AuditLog.SYSTEM);
            });

    // A second run changes nothing and audits nothing more.
    assertThat(job.enforce()).isZero();
    assertThat(db.bean(AuditLog.class).recentFor("oracle-1", 5)).hasSize(1);
  }

  @Test
  void moreStake_restoresTheNodes_andUnbondingBelowTheMinimum_flagsThemAgain() throws Exception {
    job.enforce();

    operatorStaking.stake(GovernanceSettings.nodr(3_000)).send();
    assertThat(job.enforce()).isEqualTo(2);
    assertThat(db.bean(StakeFlags.class).shortfallOf("oracle-1")).isNull();
    assertThat(db.bean(AuditLog.class).recentFor("oracle-1", 5).getFirst().action())
        .isEqualTo("node.stake-restored");

    // Stake being unbonded stops counting at once.
    operatorStaking.requestUnbond(GovernanceSettings.nodr(4_500)).send();
    assertThat(job.enforce()).isEqualTo(3);
    assertThat(db.bean(StakeFlags.class).shortfallOf("all-1"))
        .contains("stakes 500 NODR; ALL nodes need 1000 NODR");
  }
}
