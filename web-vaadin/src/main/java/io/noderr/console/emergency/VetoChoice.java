package io.noderr.console.emergency;

/**
 * A governance proposal queued on the timelock, as the console's veto picker lists it.
 *
 * @param proposalId the governance proposal's id (decimal)
 * @param eta when the timelock would execute it (ISO-8601), or null when the read model has none
 */
public record VetoChoice(String proposalId, String description, String eta) {

  /** "12345…: Canary 20 % (executes 2026-12-03T17:00:00Z)" — the id shortened, as it is long. */
  public String label() {
    String id = proposalId.length() > 12 ? proposalId.substring(0, 12) + "…" : proposalId;
    return id + ": " + description + (eta == null ? "" : " (executes " + eta + ")");
  }
}
