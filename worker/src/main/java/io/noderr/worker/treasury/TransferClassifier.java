package io.noderr.worker.treasury;

import io.noderr.registry.treasury.EntryKind;
import io.noderr.registry.treasury.JournalEntry;
import io.noderr.registry.treasury.TreasuryAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one token transfer into its journal entry: the receiving side is debited, the sending side
 * credited. A tracked holder posts to its own account; the other side of the world posts to the
 * external account of the entry's kind (a claim's operators, a fee's payers, a mint's issuance).
 * The kind comes from the economics event of the same transaction that explains the transfer; a
 * transfer no event explains is a mint, burn, spend or plain transfer by its addresses.
 */
final class TransferClassifier {

  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  /** Where each kind's untracked side posts: {@code external:<name>}. */
  private static final Map<EntryKind, String> COUNTERPARTS =
      Map.ofEntries(
          Map.entry(EntryKind.FEE_IN, "fees"),
          Map.entry(EntryKind.FEES_SWEPT, "fee-recipients"),
          Map.entry(EntryKind.REWARDS_FUNDED, "transfers-in"),
          Map.entry(EntryKind.REWARD_CLAIMED, "operators"),
          Map.entry(EntryKind.CLAWBACK, "transfers-out"),
          Map.entry(EntryKind.ROOT_CANCELLED_REFUND, "transfers-out"),
          Map.entry(EntryKind.SLASHED_IN, "slashed-stake"),
          Map.entry(EntryKind.SPEND, "spends"),
          Map.entry(EntryKind.MINT, "mints"),
          Map.entry(EntryKind.BURN, "burns"),
          Map.entry(EntryKind.TRANSFER_IN, "transfers-in"),
          Map.entry(EntryKind.TRANSFER_OUT, "transfers-out"),
          Map.entry(EntryKind.TRANSFER, "transfers-in"));

  private final TreasuryHolders holders;

  TransferClassifier(TreasuryHolders holders) {
    this.holders = holders;
  }

  /**
   * @param companions the economics events of the transfer's transaction, in log order
   */
  JournalEntry entryOf(TokenTransfer transfer, List<Companion> companions) {
    Reason reason = reason(transfer, companions);
    String counterpart = COUNTERPARTS.get(reason.kind());
    return JournalEntry.transfer(
        transfer.block(),
        transfer.transactionHash(),
        transfer.logIndex(),
        transfer.at(),
        reason.kind(),
        reason.epoch(),
        reason.memo(),
        side(transfer.to(), counterpart),
        side(transfer.from(), counterpart),
        transfer.amount());
  }

  private TreasuryAccount side(String address, String counterpart) {
    return holders.accountOf(address).orElseGet(() -> TreasuryAccount.external(counterpart));
  }

  private Reason reason(TokenTransfer transfer, List<Companion> companions) {
    String from = transfer.from();
    String to = transfer.to();
    for (Companion companion : companions) {
      Optional<Reason> explained = explained(companion, from, to);
      if (explained.isPresent()) {
        return explained.get();
      }
    }
    if (to.equals(holders.feeCollector())) {
      return new Reason(EntryKind.FEE_IN, null, "plain transfer from " + from);
    } else if (from.equals(ZERO)) {
      return new Reason(EntryKind.MINT, null, "");
    } else if (to.equals(ZERO)) {
      return new Reason(EntryKind.BURN, null, "");
    }
    boolean fromTracked = holders.accountOf(from).isPresent();
    boolean toTracked = holders.accountOf(to).isPresent();
    if (fromTracked && toTracked) {
      return new Reason(EntryKind.TRANSFER, null, "");
    } else if (!fromTracked) {
      return new Reason(EntryKind.TRANSFER_IN, null, "from " + from);
    } else if (from.equals(holders.governanceTreasury())) {
      return new Reason(EntryKind.SPEND, null, "to " + to);
    }
    return new Reason(EntryKind.TRANSFER_OUT, null, "to " + to);
  }

  /** The companion's reason when it explains a transfer from {@code from} to {@code to}. */
  private Optional<Reason> explained(Companion companion, String from, String to) {
    boolean fromDistributor = from.equals(holders.distributor());
    Reason reason =
        switch (companion) {
          case Companion.RootPublished e when to.equals(holders.distributor()) ->
              new Reason(EntryKind.REWARDS_FUNDED, e.epoch(), "");
          case Companion.Claimed e when fromDistributor && to.equals(e.account()) ->
              new Reason(EntryKind.REWARD_CLAIMED, e.epoch(), "claimed by " + e.account());
          case Companion.ClawedBack e when fromDistributor ->
              new Reason(EntryKind.CLAWBACK, e.epoch(), "");
          case Companion.RootCancelled e when fromDistributor ->
              new Reason(EntryKind.ROOT_CANCELLED_REFUND, e.epoch(), "");
          case Companion.FeeReceived e when to.equals(holders.feeCollector()) ->
              new Reason(EntryKind.FEE_IN, null, "payFee by " + e.payer());
          case Companion.FeesSwept e when from.equals(holders.feeCollector()) ->
              new Reason(EntryKind.FEES_SWEPT, null, "");
          case Companion.Slashed e when from.equals(holders.staking()) ->
              new Reason(EntryKind.SLASHED_IN, null, "slashed " + e.operator());
          default -> null;
        };
    return Optional.ofNullable(reason);
  }

  private record Reason(EntryKind kind, Long epoch, String memo) {}
}
