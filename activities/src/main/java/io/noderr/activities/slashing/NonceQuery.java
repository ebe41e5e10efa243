package io.noderr.activities.slashing;

/** Read the multisig's next nonce before executing a dispute's slashing. */
public record NonceQuery(String disputeId) {}
