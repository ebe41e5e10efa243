package io.noderr.registry.onboarding;

import io.noderr.registry.access.OperatorScope;

/**
 * Filters of the applications list; null means "any".
 *
 * @param text matches operator name, contact, region or id (case-insensitive substring)
 * @param scope whose applications: an operator's are those signed with its address (its id)
 */
public record ApplicationQuery(
    String status, String tier, String text, int offset, int limit, OperatorScope scope) {

  public ApplicationQuery {
    scope = scope == null ? OperatorScope.ALL : scope;
  }

  /** Every operator's applications. */
  public ApplicationQuery(String status, String tier, String text, int offset, int limit) {
    this(status, tier, text, offset, limit, OperatorScope.ALL);
  }

  /** The same query, limited to what {@code visible} may see. */
  public ApplicationQuery within(OperatorScope visible) {
    return new ApplicationQuery(status, tier, text, offset, limit, visible);
  }
}
