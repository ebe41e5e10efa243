package io.noderr.cli.governance;

/**
 * {@code GET /api/v1/governance}: whether governance is on (and if not, why) and the contracts it
 * runs on. The answer's parameter list is not read here.
 *
 * @param contracts the governance contracts, null when governance is off
 */
public record GovernanceInfo(boolean on, String reason, Long chainId, Contracts contracts) {

  /**
   * @param governor NoderrGovernor's address (0x-hex)
   * @param parameters NoderrParameters' address, whose {@code setParameter} a parameter proposal
   *     calls
   * @param token the stake token
   */
  public record Contracts(String governor, String staking, String parameters, String token) {}
}
