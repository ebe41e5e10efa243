package io.noderr.console.onboarding;

import io.noderr.http.TierNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a node operator submits to apply ({@code POST /api/v1/applications}). */
public record ApplicationForm(
    @NotBlank @Size(max = 120) String operatorName,
    @NotBlank @Size(max = 200) String contact,
    @NotNull @Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String tier,
    @NotNull
        @Pattern(
            regexp = "[a-z0-9][a-z0-9-]{1,31}",
            message = "must be 2-32 lowercase letters, digits or dashes")
        String region,
    @NotNull
        @Pattern(
            regexp = "0x[0-9a-fA-F]{40}",
            message = "must be an Ethereum address: 0x followed by 40 hex digits")
        String signingAddress) {}
