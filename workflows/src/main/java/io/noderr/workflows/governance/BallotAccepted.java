package io.noderr.workflows.governance;

/** A relayed ballot: the weight the governor counted (decimal) and the transaction. */
public record BallotAccepted(
    String proposalId, String voter, String support, String weight, String transaction) {}
