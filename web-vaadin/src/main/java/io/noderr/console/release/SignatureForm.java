package io.noderr.console.release;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A signer's signature, produced offline over the release's typed data. */
public record SignatureForm(
    @NotBlank @Size(max = 42) String signer, @NotBlank @Size(max = 132) String signature) {}
