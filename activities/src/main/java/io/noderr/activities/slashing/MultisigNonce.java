package io.noderr.activities.slashing;

/** The multisig's next nonce (decimal string). */
public record MultisigNonce(String nonce) {}
