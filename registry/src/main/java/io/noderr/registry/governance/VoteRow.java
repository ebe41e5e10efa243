package io.noderr.registry.governance;

import java.math.BigInteger;

/** One recorded vote: support AGAINST, FOR or ABSTAIN, weight in token units. */
public record VoteRow(
    String proposalId,
    String voter,
    String support,
    BigInteger weight,
    String reason,
    String transactionHash,
    long blockNumber) {}
