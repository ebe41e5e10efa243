package io.noderr.worker.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code noderr.beacon.*} as Spring Boot binds and validates it. */
class BeaconPropertiesTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(BeaconProperties.class)
  @Import(BlankAddressConverter.class)
  static class Properties {}

  @Test
  void defaults_selectTheLocalBeacon_withNoSigners() {
    context.run(
        started -> {
          BeaconProperties properties = started.getBean(BeaconProperties.class);
          assertThat(properties.onChain()).isFalse();
          assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(2));
          assertThat(properties.confirmations()).isZero();
          assertThat(properties.startBlock()).isZero();
          assertThat(properties.maxBlockRange()).isEqualTo(2000);
          assertThat(properties.gasLimit()).isEqualTo(1_000_000);
          assertThat(properties.receiptTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(properties.local().chainId()).isEqualTo(1337);
          assertThat(properties.local().signers()).isEmpty();
          assertThat(properties.local().threshold()).isNull();
        });
  }

  @Test
  void blankValues_ofPlaceholdersForUnsetEnvironmentVariables_leaveTheSettingsUnset() {
    context
        .withPropertyValues(
            "noderr.beacon.rpc-url=",
            "noderr.beacon.chain-id=",
            "noderr.beacon.multisig-address=",
            "noderr.beacon.beacon-address= ",
            "noderr.beacon.sender-keystore=",
            "noderr.beacon.sender-keystore-password=")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              BeaconProperties properties = started.getBean(BeaconProperties.class);
              assertThat(properties.onChain()).isFalse();
              assertThat(properties.chainId()).isNull();
              assertThat(properties.multisigAddress()).isNull();
              assertThat(properties.beaconAddress()).isNull();
              assertThat(properties.senderKeystore()).isNull();
            });
  }

  @Test
  void aChainConfiguration_binds() {
    context
        .withPropertyValues(
            "noderr.beacon.rpc-url=https://eth-sepolia.example/v2/KEY",
            "noderr.beacon.chain-id=11155111",
            "noderr.beacon.multisig-address=0xE78A0F7E598CC8B0BB87894B0F60DD2A88D6A8AB",
            "noderr.beacon.sender-keystore=/etc/noderr/sender.json",
            "noderr.beacon.sender-keystore-password=hunter2",
            "noderr.beacon.confirmations=3",
            "noderr.beacon.start-block=5000000")
        .run(
            started -> {
              BeaconProperties properties = started.getBean(BeaconProperties.class);
              assertThat(properties.onChain()).isTrue();
              assertThat(properties.chainId()).isEqualTo(11155111L);
              assertThat(properties.multisigAddress())
                  .isEqualTo(Address.of("0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab"));
              assertThat(properties.senderKeystore()).isEqualTo(Path.of("/etc/noderr/sender.json"));
              assertThat(properties.confirmations()).isEqualTo(3);
              assertThat(properties.startBlock()).isEqualTo(5_000_000);
            });
  }

  @Test
  void aChainConfiguration_withoutChainIdMultisigOrKeystore_failsTheStart() {
    context
        .withPropertyValues("noderr.beacon.rpc-url=http://127.0.0.1:8545")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("noderr.beacon.chain-id, multisig-address and"));
  }

  @Test
  void localSigners_bind_andNeedAThresholdTheyCanMeet() {
    String[] demo = {
      "noderr.beacon.local.signers[0]=" + DemoSigners.addresses().get(0),
      "noderr.beacon.local.signers[1]=" + DemoSigners.addresses().get(1),
      "noderr.beacon.local.signers[2]=" + DemoSigners.addresses().get(2)
    };
    context
        .withPropertyValues(demo)
        .withPropertyValues("noderr.beacon.local.threshold=2")
        .run(
            started ->
                assertThat(started.getBean(BeaconProperties.class).local().signers())
                    .containsExactlyElementsOf(DemoSigners.addresses()));
    context
        .withPropertyValues(demo)
        .withPropertyValues("noderr.beacon.local.threshold=4")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("noderr.beacon.local.threshold"));
    context.withPropertyValues(demo).run(started -> assertThat(started).hasFailed());
    context
        .withPropertyValues("noderr.beacon.local.signers[0]=0x1234")
        .run(started -> assertThat(started).hasFailed());
  }

  @Test
  void localGuardians_bind_withTheirMandate_andMustBeSigners() {
    String[] demo = {
      "noderr.beacon.local.signers[0]=" + DemoSigners.addresses().get(0),
      "noderr.beacon.local.signers[1]=" + DemoSigners.addresses().get(1),
      "noderr.beacon.local.threshold=2"
    };
    context
        .withPropertyValues(demo)
        .withPropertyValues(
            "noderr.beacon.local.guardians[0]=" + DemoSigners.addresses().get(0),
            "noderr.beacon.local.mandate=2h")
        .run(
            started -> {
              BeaconProperties.Local local = started.getBean(BeaconProperties.class).local();
              assertThat(local.guardians()).containsExactly(DemoSigners.addresses().get(0));
              assertThat(local.mandate()).isEqualTo(java.time.Duration.ofHours(2));
            });
    context
        .withPropertyValues(demo)
        .run(
            started ->
                assertThat(started.getBean(BeaconProperties.class).local().mandate())
                    .isEqualTo(java.time.Duration.ofHours(24)));
    context
        .withPropertyValues(demo)
        .withPropertyValues("noderr.beacon.local.guardians[0]=" + DemoSigners.addresses().get(2))
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "noderr.beacon.local.guardians must be distinct addresses among"
                            + " noderr.beacon.local.signers"));
    context
        .withPropertyValues(demo)
        .withPropertyValues("noderr.beacon.local.mandate=0s")
        .run(started -> assertThat(started).hasFailed());
  }

  @Test
  void toString_hidesThePassword_andTheRpcUrlsPathAndQuery() {
    context
        .withPropertyValues(
            "noderr.beacon.rpc-url=https://eth-sepolia.example/v2/SECRET-KEY?token=SECRET-TOKEN",
            "noderr.beacon.chain-id=11155111",
            "noderr.beacon.multisig-address=0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab",
            "noderr.beacon.sender-keystore=/etc/noderr/sender.json",
            "noderr.beacon.sender-keystore-password=SECRET-PASSWORD")
        .run(
            started ->
                assertThat(started.getBean(BeaconProperties.class).toString())
                    .contains("rpcUrl=https://eth-sepolia.example:443")
                    .contains("senderKeystorePassword=***")
                    .doesNotContain("SECRET"));
  }
}
