package io.noderr.registry.governance;

/**
 * OpenZeppelin Governor's {@code ProposalState}, in its numbering (the {@code state(id)} answer).
 * {@link #rank()} orders them along the lifecycle, so the read model never moves a proposal back.
 */
public enum ProposalStatus {
  PENDING(0),
  ACTIVE(1),
  CANCELED(4),
  DEFEATED(2),
  SUCCEEDED(2),
  QUEUED(3),
  EXPIRED(4),
  EXECUTED(4);

  private final int rank;

  ProposalStatus(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }

  /** The governor's {@code state(id)} number. */
  public static ProposalStatus ofCode(int code) {
    return values()[code];
  }

  public boolean isFinal() {
    return rank == 4 || this == DEFEATED;
  }
}
