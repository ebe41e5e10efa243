package io.noderr.registry.governance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A proposal in the read model.
 *
 * @param tier null until the follower saw {@code ProposalTiered}
 * @param quorumNeeded null until the vote started (the stake at the snapshot is known then)
 */
public record ProposalRow(
    String proposalId,
    long chainId,
    String governorAddress,
    String proposer,
    String tier,
    String description,
    List<String> targets,
    List<String> values,
    List<String> calldatas,
    Instant voteStart,
    Instant voteEnd,
    Instant eta,
    ProposalStatus state,
    BigInteger forVotes,
    BigInteger againstVotes,
    BigInteger abstainVotes,
    BigInteger quorumNeeded,
    String createdTx,
    long createdBlock,
    String queuedOperationId,
    String queuedTx,
    String executedTx,
    String canceledTx,
    Instant updatedAt) {}
