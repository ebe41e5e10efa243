package io.noderr.activities.emergency;

import java.util.List;

public record TiersPausedRequest(
    long tiers, boolean paused, long deadline, List<String> signatures) {}
