package io.noderr.registry.slashing;

import java.math.BigInteger;

/**
 * A dispute whose terms were read: who it is against and what it would take.
 *
 * @param operatorAddress lowercase
 * @param penalty token units
 */
public record DisputeOpened(
    String id,
    String nodeId,
    String operatorAddress,
    String cause,
    String evidence,
    String openedBy,
    BigInteger penalty,
    int penaltyBp) {}
