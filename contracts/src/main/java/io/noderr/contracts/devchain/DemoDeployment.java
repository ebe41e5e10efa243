package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import java.math.BigInteger;
import java.util.List;

/**
 * The dev chain's contracts: a NoderrMultisig owned by the three demo signers (2 of 3) and the
 * VersionBeacon it creates.
 */
public record DemoDeployment(
    Address multisig, Address beacon, List<Address> signers, int threshold) {

  public static DemoDeployment deploy(DevChain chain) throws Exception {
    List<Address> signers = DemoSigners.addresses().stream().sorted().toList();
    NoderrMultisig multisig =
        NoderrMultisig.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                signers.stream().map(Address::value).toList(),
                BigInteger.valueOf(DemoSigners.THRESHOLD))
            .send();
    String beacon = multisig.beacon().send();
    return new DemoDeployment(
        Address.of(multisig.getContractAddress()),
        Address.of(beacon),
        signers,
        DemoSigners.THRESHOLD);
  }
}
