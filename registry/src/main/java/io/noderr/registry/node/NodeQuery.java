package io.noderr.registry.node;

import io.noderr.registry.Tier;
import io.noderr.registry.access.OperatorScope;

/**
 * A filtered, sorted page of nodes. Null filters match everything; {@code text} matches id,
 * operator and region case-insensitively; {@code scope} limits the rows to the operators the caller
 * may see.
 */
public record NodeQuery(
    Tier tier,
    NodeStatus status,
    String version,
    String text,
    NodeSort sort,
    boolean descending,
    int offset,
    int limit,
    OperatorScope scope) {

  public static final int MAX_LIMIT = 500;

  /** Every operator's nodes (the platform's own reads; callers' reads add their scope). */
  public NodeQuery(
      Tier tier,
      NodeStatus status,
      String version,
      String text,
      NodeSort sort,
      boolean descending,
      int offset,
      int limit) {
    this(tier, status, version, text, sort, descending, offset, limit, OperatorScope.ALL);
  }

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
    scope = scope == null ? OperatorScope.ALL : scope;
  }

  public NodeQuery page(int newOffset, int newLimit) {
    return new NodeQuery(tier, status, version, text, sort, descending, newOffset, newLimit, scope);
  }

  /** The same query, limited to what {@code visible} may see. */
  public NodeQuery within(OperatorScope visible) {
    return new NodeQuery(tier, status, version, text, sort, descending, offset, limit, visible);
  }
}
