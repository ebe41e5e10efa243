package io.noderr.workflows.rewards;

/**
 * A node that earns nothing this epoch whatever it measured, with the decision that excluded it (a
 * slashing decided in the epoch, a release never published for its tier).
 */
public record Exclusion(String nodeId, String reason) {

  public Exclusion {
    if (nodeId == null || nodeId.isBlank() || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an exclusion needs a node id and a reason");
    }
  }
}
