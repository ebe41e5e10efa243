package io.noderr.activities.rewards;

import java.util.List;

/**
 * What signing and publishing an epoch's root needs from the chain.
 *
 * @param nonce the multisig's next nonce (decimal string)
 * @param signers the multisig's signer set, lower-case addresses
 * @param lastEpoch the last epoch published on the distributor; 0 for none (epochs count from 1)
 */
public record DistributorState(
    long chainId,
    String multisig,
    String distributor,
    String nonce,
    List<String> signers,
    int threshold,
    long lastEpoch,
    long pendingDelaySeconds,
    long claimPeriodSeconds) {}
