package io.noderr.cli.governance;

/**
 * {@code GET /api/v1/governance}: whether governance is on and the contracts it runs on.
 *
 * @param governor NoderrGovernor's address (0x-hex), null when governance is off
 * @param parameters NoderrParameters' address, whose {@code setParameter} a parameter proposal
 *     calls
 */
public record GovernanceInfo(
    boolean enabled, Long chainId, String governor, String parameters, String staking) {}
