package io.noderr.activities.rewards;

import java.util.List;

/**
 * Publish an epoch's root through the multisig, with the signatures sorted by signer address.
 * Idempotent: a retry that finds the epoch already published with this root returns that
 * publication.
 */
public record PublishRootRequest(
    long epoch, String root, String total, String nonce, long deadline, List<String> signatures) {}
