package io.noderr.worker.treasury;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.treasury.EntryKind;
import io.noderr.registry.treasury.JournalEntry;
import io.noderr.registry.treasury.Posting;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The movements the chain test does not drive (slashes, spends, refunds, mints, burns, plain
 * transfers) get their kind and balanced postings from the transfer and its transaction's events.
 */
class TransferClassifierTest {

  private static final String TOKEN = "0x00000000000000000000000000000000000000a0";
  private static final String MULTISIG = "0x00000000000000000000000000000000000000a1";
  private static final String TIMELOCK = "0x00000000000000000000000000000000000000a2";
  private static final String DISTRIBUTOR = "0x00000000000000000000000000000000000000a3";
  private static final String FEES = "0x00000000000000000000000000000000000000a4";
  private static final String STAKING = "0x00000000000000000000000000000000000000a5";
  private static final String OUTSIDER = "0x00000000000000000000000000000000000000b1";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private final TransferClassifier classifier =
      new TransferClassifier(
          new TreasuryHolders(TOKEN, MULTISIG, TIMELOCK, DISTRIBUTOR, FEES, STAKING));

  @Test
  void aSlash_paysTheGovernanceTreasuryFromSlashedStake() {
    JournalEntry entry =
        classifier.entryOf(transfer(STAKING, TIMELOCK), List.of(new Companion.Slashed(OUTSIDER)));

    assertThat(entry.kind()).isEqualTo(EntryKind.SLASHED_IN);
    assertThat(entry.memo()).isEqualTo("slashed " + OUTSIDER);
    assertThat(postings(entry))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("governance-treasury", amount(), "external:slashed-stake", amount().negate()));
  }

  @Test
  void aCancelledRoot_refundsTheGovernanceTreasury_forItsEpoch() {
    JournalEntry entry =
        classifier.entryOf(
            transfer(DISTRIBUTOR, TIMELOCK), List.of(new Companion.RootCancelled(4)));

    assertThat(entry.kind()).isEqualTo(EntryKind.ROOT_CANCELLED_REFUND);
    assertThat(entry.epoch()).isEqualTo(4);
    assertThat(postings(entry))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("governance-treasury", amount(), "distributor", amount().negate()));
  }

  @Test
  void movementsNoEventExplains_areKindedByTheirAddresses() {
    assertThat(kindAndPostings(transfer(TIMELOCK, OUTSIDER)))
        .isEqualTo(
            Map.of(
                EntryKind.SPEND,
                Map.of("external:spends", amount(), "governance-treasury", amount().negate())));
    assertThat(kindAndPostings(transfer(MULTISIG, OUTSIDER)))
        .isEqualTo(
            Map.of(
                EntryKind.TRANSFER_OUT,
                Map.of("external:transfers-out", amount(), "rewards-treasury", amount().negate())));
    assertThat(kindAndPostings(transfer(ZERO, TIMELOCK)))
        .isEqualTo(
            Map.of(
                EntryKind.MINT,
                Map.of("governance-treasury", amount(), "external:mints", amount().negate())));
    assertThat(kindAndPostings(transfer(MULTISIG, ZERO)))
        .isEqualTo(
            Map.of(
                EntryKind.BURN,
                Map.of("external:burns", amount(), "rewards-treasury", amount().negate())));
    assertThat(kindAndPostings(transfer(OUTSIDER, MULTISIG)))
        .isEqualTo(
            Map.of(
                EntryKind.TRANSFER_IN,
                Map.of("rewards-treasury", amount(), "external:transfers-in", amount().negate())));
    assertThat(kindAndPostings(transfer(TIMELOCK, MULTISIG)))
        .isEqualTo(
            Map.of(
                EntryKind.TRANSFER,
                Map.of("rewards-treasury", amount(), "governance-treasury", amount().negate())));
  }

  @Test
  void aClaimInAnotherTransfersTransaction_doesNotExplainATransferToSomeoneElse() {
    JournalEntry entry =
        classifier.entryOf(
            transfer(DISTRIBUTOR, OUTSIDER),
            List.of(new Companion.Claimed(2, "0x00000000000000000000000000000000000000b2")));

    assertThat(entry.kind()).isEqualTo(EntryKind.TRANSFER_OUT);
  }

  private Map<EntryKind, Map<String, BigInteger>> kindAndPostings(TokenTransfer transfer) {
    JournalEntry entry = classifier.entryOf(transfer, List.of());
    return Map.of(entry.kind(), postings(entry));
  }

  private static Map<String, BigInteger> postings(JournalEntry entry) {
    return entry.postings().stream()
        .collect(Collectors.toMap(p -> p.account().code(), Posting::amount));
  }

  private static TokenTransfer transfer(String from, String to) {
    return new TokenTransfer(7, "0xtx", 1, Instant.EPOCH, from, to, amount());
  }

  private static BigInteger amount() {
    return BigInteger.valueOf(1_234);
  }
}
