package io.noderr.console;

import io.noderr.registry.Tier;
import io.noderr.registry.rewards.RewardEpochInputRows;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochStep;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardNodeRow;
import io.noderr.registry.rewards.RewardPayoutRow;
import io.noderr.registry.rewards.RewardResult;
import io.noderr.registry.rewards.RewardStakeRow;
import io.noderr.signing.Address;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.ECKeyPair;

/**
 * A published reward epoch in the read model, written through the registry's own repositories as
 * the reward workflow's activities write it: two operators with approved applications (their payout
 * addresses), ACME with two counted nodes, GLOBEX with one counted and one below the uptime
 * minimum, and a real Merkle tree over their payouts.
 */
public final class RewardEpochsFixture {

  public static final ECKeyPair ACME_KEY = ECKeyPair.create(BigInteger.valueOf(0xAC3E));
  public static final ECKeyPair GLOBEX_KEY = ECKeyPair.create(BigInteger.valueOf(0x610B));
  public static final String ACME = Signatures.addressOf(ACME_KEY).value();
  public static final String GLOBEX = Signatures.addressOf(GLOBEX_KEY).value();
  public static final BigInteger ACME_AMOUNT = BigInteger.valueOf(700_000);
  public static final BigInteger GLOBEX_AMOUNT = BigInteger.valueOf(300_000);
  public static final String TRANSACTION = "0x" + "7e".repeat(32);

  private final JdbcTemplate jdbc;
  private final RewardEpochInputs inputs;
  private final RewardEpochs epochs;

  public RewardEpochsFixture(JdbcTemplate jdbc, RewardEpochInputs inputs, RewardEpochs epochs) {
    this.jdbc = jdbc;
    this.inputs = inputs;
    this.epochs = epochs;
  }

  /** Forgets {@code epochsToForget} and (re)approves both operators' applications. */
  public void reset(long... epochsToForget) {
    for (long epoch : epochsToForget) {
      for (String table :
          List.of(
              "reward_payouts",
              "reward_epoch_nodes",
              "reward_epoch_stakes",
              "reward_epoch_exclusions",
              "reward_epochs")) {
        jdbc.update("DELETE FROM " + table + " WHERE epoch = ?", epoch);
      }
    }
    approved("reward-app-acme", ACME);
    approved("reward-app-globex", GLOBEX);
  }

  /** Stores the epoch as CLAIMABLE: inputs, payouts with proofs, node outcomes, signers, tx. */
  public RewardTree claimable(long epoch) {
    Instant start = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(epoch * 3600);
    inputs.store(
        new RewardEpochInputRows(
            epoch,
            start,
            start.plusSeconds(3600),
            1,
            BigInteger.valueOf(900_000),
            BigInteger.valueOf(100_000),
            BigInteger.valueOf(5),
            Map.of("performance_share_bp", "7000", "min_uptime_bp", "9000"),
            "block 42",
            List.of(
                RewardNodeRow.measured("acme-1", ACME, Tier.ORACLE, 10_000, 10_000),
                RewardNodeRow.measured("acme-2", ACME, Tier.ALL, 10_000, 4_000),
                RewardNodeRow.measured("globex-1", GLOBEX, Tier.ALL, 10_000, 6_000),
                RewardNodeRow.measured("globex-2", GLOBEX, Tier.ALL, 5_000, 9_000)),
            List.of(
                new RewardStakeRow(ACME, BigInteger.valueOf(1_000)),
                new RewardStakeRow(GLOBEX, BigInteger.valueOf(1_000))),
            List.of()),
        "0x" + "1d".repeat(32));
    RewardTree tree =
        RewardTree.of(
            List.of(
                new RewardLeaf(epoch, Address.of(ACME), ACME_AMOUNT),
                new RewardLeaf(epoch, Address.of(GLOBEX), GLOBEX_AMOUNT)));
    RewardResult result =
        new RewardResult(
            1,
            BigInteger.valueOf(1_000_005),
            tree.total(),
            BigInteger.valueOf(5),
            2,
            tree.rootHex(),
            "0x" + "9d".repeat(32));
    epochs.storeResult(
        epoch,
        result,
        List.of(
            payout(tree, ACME, 14_000, ACME_AMOUNT), payout(tree, GLOBEX, 6_000, GLOBEX_AMOUNT)),
        List.of(
            counted("acme-1", ACME, Tier.ORACLE, 10_000, 10_000, 10_000),
            counted("acme-2", ACME, Tier.ALL, 10_000, 4_000, 4_000),
            counted("globex-1", GLOBEX, Tier.ALL, 10_000, 6_000, 6_000),
            RewardNodeRow.measured("globex-2", GLOBEX, Tier.ALL, 5_000, 9_000)
                .withOutcome("BELOW_MINIMUM_UPTIME", BigInteger.ZERO, "uptime 50% below 90%")));
    epochs.recordStep(
        new RewardEpochStep(
            epoch,
            100,
            start,
            start.plusSeconds(3600),
            "CLAIMABLE",
            BigInteger.valueOf(1_000_005),
            "0x" + "1d".repeat(32),
            result,
            List.of("0x1111111111111111111111111111111111111111"),
            TRANSACTION,
            null));
    return tree;
  }

  /** Stores the epoch as its workflow's first steps do: opened, then awaiting signatures. */
  public void awaitingSignatures(long epoch) {
    Instant start = Instant.now().minusSeconds(60);
    epochs.recordStep(
        new RewardEpochStep(
            epoch,
            3,
            start,
            start.plusSeconds(1),
            "AWAITING_SIGNATURES",
            null,
            null,
            null,
            List.of(),
            null,
            null));
  }

  private static RewardPayoutRow payout(
      RewardTree tree, String address, long score, BigInteger amount) {
    return new RewardPayoutRow(
        tree.epoch(),
        address,
        BigInteger.valueOf(score),
        BigInteger.valueOf(1_000),
        amount,
        tree.proof(Address.of(address)).stream()
            .map(hash -> "0x" + HexFormat.of().formatHex(hash))
            .toList());
  }

  private static RewardNodeRow counted(
      String nodeId, String operator, Tier tier, int uptime, int performance, long score) {
    return RewardNodeRow.measured(nodeId, operator, tier, uptime, performance)
        .withOutcome("COUNTED", BigInteger.valueOf(score), "");
  }

  private void approved(String applicationId, String address) {
    jdbc.update(
        "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
            + " signing_address, status) VALUES (?, ?, 'ops@example.org', 'ALL', 'eu', ?,"
            + " 'APPROVED') ON CONFLICT DO NOTHING",
        applicationId,
        applicationId,
        address);
  }
}
