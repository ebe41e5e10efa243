package io.noderr.cli.governance;

/**
 * The relayed ballot: the stake it counted with (token units, decimal) and the transaction.
 *
 * @param support FOR, AGAINST or ABSTAIN
 */
public record BallotAnswer(
    String proposalId, String voter, String support, String weight, String transaction) {}
