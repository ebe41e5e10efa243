package io.noderr.registry.treasury;

import java.math.BigInteger;

/**
 * What moved for one reward epoch (null: movements of no epoch) and kind.
 *
 * @param amount the entries' total (each entry's debits)
 */
public record EpochFlow(Long epoch, EntryKind kind, BigInteger amount, int entries) {}
