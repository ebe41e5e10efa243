package io.noderr.activities.governance;

public record BallotCheck(String proposalId, String voter) {}
