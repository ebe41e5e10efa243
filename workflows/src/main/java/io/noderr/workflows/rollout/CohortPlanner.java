package io.noderr.workflows.rollout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a rollout updates its nodes, decided once and the same on every replay and
 * every platform: quarantined nodes and nodes already at the target are left out; the canary cohort
 * is the healthiest, attested nodes spread across operators and regions (round-robin over
 * operator/region groups, so one operator's bad network cannot fail or pass a canary alone); the
 * rest follow in a stable hash order of (rollout id, node id) — not registration order, so the same
 * nodes are not always first.
 */
public final class CohortPlanner {

  private CohortPlanner() {}

  /**
   * @param canarySize nodes of the first stage
   * @return node ids in update order
   */
  public static List<String> order(
      String rolloutId, List<Candidate> candidates, String targetVersion, int canarySize) {
    // Hash each node once (not per comparison): 10,000 nodes sort in milliseconds.
    Map<String, String> hashes = new HashMap<>();
    List<Candidate> eligible =
        candidates.stream()
            .filter(c -> !c.quarantined())
            .filter(c -> !targetVersion.equals(c.currentVersion()))
            .peek(c -> hashes.put(c.nodeId(), stableHash(rolloutId, c.nodeId())))
            .sorted(Comparator.comparing((Candidate c) -> hashes.get(c.nodeId())))
            .toList();
    List<String> order = new ArrayList<>(eligible.size());
    spreadCanaries(eligible, canarySize).forEach(c -> order.add(c.nodeId()));
    Set<String> canaries = new HashSet<>(order);
    eligible.stream()
        .map(Candidate::nodeId)
        .filter(id -> !canaries.contains(id))
        .forEach(order::add);
    return order;
  }

  /** Healthy, attested nodes first, one per operator/region group in turn. */
  private static List<Candidate> spreadCanaries(List<Candidate> eligible, int canarySize) {
    List<Candidate> preferred =
        new ArrayList<>(eligible.stream().filter(CohortPlanner::isBest).toList());
    eligible.stream().filter(c -> !isBest(c) && c.healthy()).forEach(preferred::add);
    eligible.stream().filter(c -> !c.healthy()).forEach(preferred::add);
    Map<String, List<Candidate>> groups = new LinkedHashMap<>();
    for (Candidate c : preferred) {
      groups.computeIfAbsent(c.operator() + "/" + c.region(), k -> new ArrayList<>()).add(c);
    }
    List<Candidate> canaries = new ArrayList<>(canarySize);
    for (int round = 0; canaries.size() < canarySize; round++) {
      boolean took = false;
      for (List<Candidate> group : groups.values()) {
        if (round < group.size() && canaries.size() < canarySize) {
          canaries.add(group.get(round));
          took = true;
        }
      }
      if (!took) {
        break;
      }
    }
    return canaries;
  }

  private static boolean isBest(Candidate c) {
    return c.healthy() && c.attested();
  }

  /** SHA-256 of "rolloutId:nodeId" as hex: stable across JVMs, unlike String.hashCode. */
  static String stableHash(String rolloutId, String nodeId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((rolloutId + ":" + nodeId).getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
