package io.noderr.registry.governance;

import java.math.BigInteger;
import java.time.Instant;

/**
 * An address's stake and voting power.
 *
 * @param operatorId the registry operator whose approved application signs with this address, null
 *     when no operator does
 */
public record StakeRow(
    String address,
    BigInteger active,
    BigInteger unbonding,
    Instant unbondingReadyAt,
    BigInteger slashedTotal,
    BigInteger votingPower,
    String operatorId) {}
