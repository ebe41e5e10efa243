package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoSignersTest {

  @Test
  void areGanachesDeterministicAccountsOneToThree() {
    assertThat(DemoSigners.addresses())
        .extracting(Address::checksummed)
        .containsExactly(
            "0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0",
            "0x22d491Bde2303f2f43325b2108D26f1eAbA1e32b",
            "0xE11BA2b4D45Eaed5996Cd0823791E0C93114882d");
    assertThat(Signatures.addressOf(DemoSigners.devChainSender()).checksummed())
        .isEqualTo("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1");
  }
}
