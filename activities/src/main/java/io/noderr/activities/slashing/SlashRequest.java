package io.noderr.activities.slashing;

import java.util.List;

/** Execute a decided slashing through the multisig, signatures sorted by signer address. */
public record SlashRequest(
    String disputeId,
    String operator,
    String amount,
    String nonce,
    long deadline,
    List<String> signatures) {}
