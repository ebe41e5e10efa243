package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.util.List;

/**
 * The dev chain's contracts: a NoderrMultisig owned by the three demo signers (2 of 3), demo signer
 * #1 its only guardian with a 24-hour mandate, and the VersionBeacon it creates.
 */
public record DemoDeployment(
    Address multisig,
    Address beacon,
    List<Address> signers,
    int threshold,
    List<Address> guardians,
    long mandateSeconds) {

  public DemoDeployment {
    signers = List.copyOf(signers);
    guardians = List.copyOf(guardians);
  }

  public static DemoDeployment deploy(DevChain chain) throws Exception {
    return deploy(chain, DemoSigners.MANDATE_SECONDS);
  }

  /** With another guardian mandate (tests that let it run out). */
  public static DemoDeployment deploy(DevChain chain, long mandateSeconds) throws Exception {
    List<Address> signers = DemoSigners.addresses().stream().sorted().toList();
    List<Address> guardians = List.of(Signatures.addressOf(DemoSigners.key(DemoSigners.GUARDIAN)));
    NoderrMultisig multisig =
        NoderrMultisig.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                signers.stream().map(Address::value).toList(),
                BigInteger.valueOf(DemoSigners.THRESHOLD),
                guardians.stream().map(Address::value).toList(),
                BigInteger.valueOf(mandateSeconds))
            .send();
    String beacon = multisig.beacon().send();
    return new DemoDeployment(
        Address.of(multisig.getContractAddress()),
        Address.of(beacon),
        signers,
        DemoSigners.THRESHOLD,
        guardians,
        mandateSeconds);
  }
}
