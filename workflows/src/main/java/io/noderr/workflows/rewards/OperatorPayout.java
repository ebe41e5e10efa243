package io.noderr.workflows.rewards;

import io.noderr.signing.Address;
import java.math.BigInteger;

/**
 * One recipient's row: the two quantities the formula weighs and what they came to.
 *
 * @param performanceScore the sum of the operator's counted node scores
 * @param effectiveStake the stake that counted: capped, and 0 when no node of theirs counted
 * @param amount token units claimable for the epoch
 */
public record OperatorPayout(
    Address operator, BigInteger performanceScore, BigInteger effectiveStake, BigInteger amount) {}
