package io.noderr.cli.governance;

/**
 * {@code GET /api/v1/governance/proposals/{id}/ballot?voter=}: what the voter signs. Numbers that
 * are uint256 on chain come as decimal text.
 *
 * @param state the proposal's Governor state (ballots count only while ACTIVE)
 * @param voteEnd when voting closes (ISO-8601)
 */
public record BallotRequest(
    String proposalId,
    Long chainId,
    String governor,
    String voter,
    String nonce,
    String state,
    String description,
    String voteEnd) {}
