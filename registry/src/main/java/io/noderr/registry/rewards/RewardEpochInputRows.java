package io.noderr.registry.rewards;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an epoch's payouts are computed from, as stored when it was gathered.
 *
 * @param parameters the formula parameters by governed name ({@code rewards.*}), decimal values
 * @param snapshot what the stake snapshot was, e.g. "governance follower at block 1234 of chain 1"
 * @param nodes ordered by node id
 * @param stakes ordered by address
 * @param exclusions ordered by node id, then reason
 */
public record RewardEpochInputRows(
    long epoch,
    Instant startAt,
    Instant endAt,
    int formulaVersion,
    BigInteger emission,
    BigInteger fees,
    BigInteger carried,
    Map<String, String> parameters,
    String snapshot,
    List<RewardNodeRow> nodes,
    List<RewardStakeRow> stakes,
    List<RewardExclusionRow> exclusions) {

  public RewardEpochInputRows {
    parameters = new TreeMap<>(parameters);
    nodes = List.copyOf(nodes);
    stakes = List.copyOf(stakes);
    exclusions = List.copyOf(exclusions);
  }

  public BigInteger pool() {
    return emission.add(fees).add(carried);
  }
}
