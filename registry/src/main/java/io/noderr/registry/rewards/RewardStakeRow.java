package io.noderr.registry.rewards;

import java.math.BigInteger;

/** An address's active stake in an epoch's snapshot (token units). */
public record RewardStakeRow(String operatorAddress, BigInteger stake) {}
