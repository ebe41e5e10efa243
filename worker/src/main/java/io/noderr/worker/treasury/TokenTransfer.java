package io.noderr.worker.treasury;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A token {@code Transfer} event touching a tracked holder; addresses lowercase.
 *
 * @param at the block's time
 */
record TokenTransfer(
    long block,
    String transactionHash,
    int logIndex,
    Instant at,
    String from,
    String to,
    BigInteger amount) {}
