package io.noderr.registry.treasury;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * A recorded journal entry as the console lists it.
 *
 * @param postings amount per account code, debits positive
 */
public record EntryRow(
    long id,
    long block,
    String transactionHash,
    int logIndex,
    Instant at,
    EntryKind kind,
    Long epoch,
    String memo,
    Map<String, BigInteger> postings) {

  public EntryRow {
    postings = Map.copyOf(postings);
  }
}
