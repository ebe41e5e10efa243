package io.noderr.registry.treasury;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One chain event in the ledger: a token transfer touching a tracked holder, keyed by its log, with
 * postings that sum to zero (refused otherwise, here and by the database).
 *
 * @param at the block's time
 * @param epoch the reward epoch the movement belongs to; null for fees, spends, mints and the like
 * @param memo what else the chain said (the payer, the claiming operator, the slashed operator)
 */
public record JournalEntry(
    long block,
    String transactionHash,
    int logIndex,
    Instant at,
    EntryKind kind,
    Long epoch,
    String memo,
    List<Posting> postings) {

  public JournalEntry {
    Objects.requireNonNull(transactionHash, "an entry needs its transaction");
    Objects.requireNonNull(at, "an entry needs its block time");
    Objects.requireNonNull(kind, "an entry needs a kind");
    memo = memo == null ? "" : memo;
    postings = List.copyOf(postings);
    if (postings.size() < 2) {
      throw new IllegalArgumentException("an entry debits and credits: at least two postings");
    }
    BigInteger sum =
        postings.stream().map(Posting::amount).reduce(BigInteger.ZERO, BigInteger::add);
    if (sum.signum() != 0) {
      throw new IllegalArgumentException(
          "entry " + transactionHash + "#" + logIndex + " does not balance: sum " + sum);
    }
  }

  /** {@code amount} moving from {@code credited} to {@code debited}: the two-line entry. */
  public static JournalEntry transfer(
      long block,
      String transactionHash,
      int logIndex,
      Instant at,
      EntryKind kind,
      Long epoch,
      String memo,
      TreasuryAccount debited,
      TreasuryAccount credited,
      BigInteger amount) {
    return new JournalEntry(
        block,
        transactionHash,
        logIndex,
        at,
        kind,
        epoch,
        memo,
        List.of(new Posting(debited, amount), new Posting(credited, amount.negate())));
  }
}
