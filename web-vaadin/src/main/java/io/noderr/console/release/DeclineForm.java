package io.noderr.console.release;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A signer's refusal, signed over {@code Decline(release digest, reason)}. */
public record DeclineForm(
    @NotBlank @Size(max = 42) String signer,
    @NotBlank @Size(max = 500) String reason,
    @NotBlank @Size(max = 132) String signature) {}
