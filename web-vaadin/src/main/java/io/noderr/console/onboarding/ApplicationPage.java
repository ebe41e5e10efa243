package io.noderr.console.onboarding;

import io.noderr.registry.onboarding.ApplicationRow;
import java.util.List;

public record ApplicationPage(int total, List<ApplicationRow> items) {}
