package io.noderr.activities.rewards;

import java.util.List;

/** The epochs clawed back to the treasury now and the total returned (token units). */
public record ClawedBack(List<Long> epochs, String amount) {}
