package io.noderr.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void generatedSecrets_carryTheirPrefixAnd256RandomBits() {
    String token = Secrets.generate(Secrets.INSTALL_TOKEN);
    assertThat(token).startsWith("nit_").hasSize(4 + 43);
    assertThat(Secrets.hasShape(Secrets.INSTALL_TOKEN, token)).isTrue();
    assertThat(Secrets.hasShape(Secrets.NODE_SESSION, token)).isFalse();
    assertThat(Secrets.generate(Secrets.INSTALL_TOKEN)).isNotEqualTo(token);
  }

  @Test
  void shapeCheck_refusesAnythingElse() {
    assertThat(Secrets.hasShape(Secrets.INSTALL_TOKEN, null)).isFalse();
    assertThat(Secrets.hasShape(Secrets.INSTALL_TOKEN, "nit_short")).isFalse();
    assertThat(Secrets.hasShape(Secrets.INSTALL_TOKEN, "nit_" + "!".repeat(43))).isFalse();
  }

  @Test
  void hashIsLowercaseHexSha256() {
    assertThat(Secrets.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aBearerHeaderPresentsItsSecret_anythingElseNone() {
    assertThat(Secrets.bearer("Bearer nst_abc ")).contains("nst_abc");
    assertThat(Secrets.bearer("Basic YWRtaW46eA==")).isEmpty();
    assertThat(Secrets.bearer(null)).isEmpty();
  }
}
