package io.noderr.activities.slashing;

import java.util.List;

/**
 * Everything a dispute is decided under, read once when it opens so later changes of the governed
 * parameters do not move its goalposts.
 *
 * @param operator the node's operator address (lower-case): the only key that may answer or appeal
 * @param stake the operator's active stake now (token units, decimal string)
 * @param signers the multisig's signer set, lower-case
 * @param decisionWindowSeconds how long signers have to decide, and again after an appeal
 * @param minimumPenaltyBp the governed minimum penalty, in basis points of the stake
 * @param maximumPenaltyBp the governed maximum; a larger slashing is refused
 * @param correlatedNodes live disputes (opened, not dismissed, expired or unslashable) of the same
 *     cause within the correlation window, this one included
 * @param activeNodes the fleet's active nodes, the correlation's denominator
 */
public record DisputeTerms(
    String operator,
    String stake,
    long chainId,
    String multisig,
    String staking,
    List<String> signers,
    int threshold,
    long challengeWindowSeconds,
    long decisionWindowSeconds,
    long appealWindowSeconds,
    int minimumPenaltyBp,
    int maximumPenaltyBp,
    int correlatedNodes,
    int activeNodes) {}
