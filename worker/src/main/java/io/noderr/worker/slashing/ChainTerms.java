package io.noderr.worker.slashing;

import java.math.BigInteger;
import java.util.List;

/**
 * What the chain says a dispute is decided under, read at one block.
 *
 * @param stake the operator's active stake, token units: what the staking contract can take
 * @param signers the multisig's signer set, lowercase
 */
record ChainTerms(
    long chainId,
    String multisig,
    String staking,
    List<String> signers,
    int threshold,
    BigInteger stake) {}
