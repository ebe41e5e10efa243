package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.PCR_POLICY_VIOLATION;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PcrPolicyTest {

  private static final String ZERO = "0".repeat(64);
  private static final String SECURE_BOOT = "AB".repeat(32);

  @Test
  void defaults_coverTheFirmwarePcrs_withAnyValue() {
    PcrPolicy policy = PcrPolicy.defaults();

    assertThat(policy.indices()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(policy.allowedValues()).isEmpty();
  }

  @Test
  void of_acceptsConfigurationShapes_andNormalizesHexToLowercase() {
    PcrPolicy policy = PcrPolicy.of(List.of(7, 0), Map.of(7, List.of(SECURE_BOOT, ZERO)));

    assertThat(policy.indices()).containsExactly(0, 7);
    assertThat(policy.allowedValues().get(7)).containsExactlyInAnyOrder("ab".repeat(32), ZERO);
  }

  @Test
  void check_rejectsValuesOutsideTheAllowedSet_andAcceptsAnyValueForOtherPcrs() {
    PcrPolicy policy = PcrPolicy.of(List.of(0, 7), Map.of(7, List.of(SECURE_BOOT)));
    TreeMap<Integer, String> values = new TreeMap<>(Map.of(0, "12".repeat(32), 7, "ab".repeat(32)));

    policy.check(values);
    values.put(7, ZERO);
    assertRejected(() -> policy.check(values), PCR_POLICY_VIOLATION);
  }

  @Test
  void checkUnchanged_comparesThePcrsWithoutAllowedValues_withTheirRegistrationValues() {
    PcrPolicy policy = PcrPolicy.of(List.of(0, 1, 7), Map.of(7, List.of(SECURE_BOOT, ZERO)));
    Map<Integer, String> recorded = Map.of(0, "12".repeat(32), 7, "ab".repeat(32));
    TreeMap<Integer, String> quoted =
        new TreeMap<>(Map.of(0, "12".repeat(32), 1, "34".repeat(32), 7, ZERO));

    // PCR 1 was never recorded and PCR 7 is governed by its allowed list: neither is compared.
    policy.checkUnchanged(quoted, recorded);
    policy.checkUnchanged(quoted, Map.of(0, "12".repeat(32).toUpperCase()));

    quoted.put(0, "56".repeat(32));
    assertRejected(() -> policy.checkUnchanged(quoted, recorded), PCR_POLICY_VIOLATION);
    assertThatThrownBy(() -> policy.checkUnchanged(quoted, recorded))
        .hasMessageStartingWith("PCR 0 no longer holds the value recorded at registration");
  }

  @Test
  void invalidPolicies_failAtConfigurationTime() {
    assertThatThrownBy(() -> PcrPolicy.of(List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PcrPolicy.of(List.of(24), Map.of()))
        .hasMessage("PCR 24 does not exist (0 to 23)");
    assertThatThrownBy(() -> PcrPolicy.of(List.of(-1), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PcrPolicy.of(List.of(0), Map.of(7, List.of(ZERO))))
        .hasMessageContaining("PCR 7");
    assertThatThrownBy(() -> PcrPolicy.of(List.of(7), Map.of(7, List.of("abc"))))
        .hasMessageContaining("64-digit hex");
    assertThatThrownBy(() -> PcrPolicy.of(List.of(7), Map.of(7, List.of())))
        .hasMessage("PCR 7 lists no allowed values");
  }
}
