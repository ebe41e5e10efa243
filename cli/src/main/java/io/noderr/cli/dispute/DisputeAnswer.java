package io.noderr.cli.dispute;

/** The platform's answer to an accepted answer, appeal or vote. */
public record DisputeAnswer(String disputeId, String stage, int slashVotes, int dismissVotes) {}
