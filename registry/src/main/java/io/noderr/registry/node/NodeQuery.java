package io.noderr.registry.node;

import io.noderr.registry.Tier;

/**
 * A filtered, sorted page of nodes. Null filters match everything; {@code text} matches id,
 * operator and region case-insensitively.
 */
public record NodeQuery(
    Tier tier,
    NodeStatus status,
    String version,
    String text,
    NodeSort sort,
    boolean descending,
    int offset,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public NodeQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    sort = sort == null ? NodeSort.ID : sort;
    text = text == null || text.isBlank() ? null : text.strip();
    version = version == null || version.isBlank() ? null : version.strip();
  }

  public NodeQuery page(int newOffset, int newLimit) {
    return new NodeQuery(tier, status, version, text, sort, descending, newOffset, newLimit);
  }
}
