package io.noderr.workflows.governance;

/** The follower saw the proposal change on chain (queued, executed, canceled) by {@code event}. */
public record ChainChange(String event, String transactionHash) {}
