package io.noderr.worker.slashing;

import java.time.Duration;

/** The slashing values in force: governed where the chain defines them, else the defaults. */
record SlashingRules(
    Duration challengeWindow,
    Duration decisionWindow,
    Duration appealWindow,
    int minimumPenaltyBp,
    int maximumPenaltyBp,
    Duration correlationWindow,
    Duration downtimeThreshold) {}
