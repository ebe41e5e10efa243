package io.noderr.console.token;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new API token ({@code POST /api/v1/tokens}, or the Tokens view).
 *
 * @param roles a subset of the caller's roles
 * @param expiresInDays 1 to 365: every token expires
 */
public record ApiTokenForm(
    @NotBlank @Size(max = 80) String name,
    @NotEmpty @Size(max = 4)
        List<
                @NotNull
                @Pattern(
                    regexp = "ADMIN|SRE|SIGNER|OPERATOR",
                    message = "must be ADMIN, SRE, SIGNER or OPERATOR")
                String>
            roles,
    @NotNull @Min(1) @Max(365) Integer expiresInDays) {}
