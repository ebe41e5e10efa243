package io.noderr.contracts.devchain;

import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrTimelock;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The governance contracts of a chain, deployed after the multisig: the stake token, the timelock
 * (the multisig its guardian: canceller only), the parameter registry and the staking contract
 * (both owned by the timelock; the multisig may slash), and the governor (the timelock's only
 * proposer and executor). The deployer gives up the timelock's admin role at the end, so from then
 * on roles change only through executed proposals. The token's owner stays the deployer: on a dev
 * chain it mints test tokens.
 */
public record DemoGovernance(
    Address token, Address staking, Address timelock, Address governor, Address parameters) {

  /** Demo stake tokens each demo operator gets. */
  public static final BigInteger OPERATOR_TOKENS = GovernanceSettings.nodr(100_000);

  /** Demo tokens in the treasury (the timelock), for treasury-spend proposals. */
  public static final BigInteger TREASURY_TOKENS = GovernanceSettings.nodr(1_000_000);

  /** With the dev chain's settings, minting demo tokens to the demo operators and the treasury. */
  public static DemoGovernance deploy(DevChain chain, Address multisig) throws Exception {
    DemoGovernance governance = deploy(chain, multisig, GovernanceSettings.devDefaults());
    NoderrToken token = governance.token(chain);
    for (Address operator : DemoOperators.addresses()) {
      token.mint(operator.value(), OPERATOR_TOKENS).send();
    }
    token.mint(governance.timelock().value(), TREASURY_TOKENS).send();
    return governance;
  }

  public static DemoGovernance deploy(DevChain chain, Address guardian, GovernanceSettings settings)
      throws Exception {
    String deployer = chain.sender().getAddress();
    NoderrToken token =
        NoderrToken.deploy(chain.web3j(), chain.transactions(), DevChain.GAS, deployer).send();
    NoderrTimelock timelock =
        NoderrTimelock.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                seconds(settings.timelockMinDelay()),
                guardian.value(),
                deployer)
            .send();
    List<ParameterDefinition> definitions = settings.parameters();
    NoderrParameters parameters =
        NoderrParameters.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                timelock.getContractAddress(),
                definitions.stream().map(ParameterDefinition::name).toList(),
                definitions.stream().map(ParameterDefinition::min).toList(),
                definitions.stream().map(ParameterDefinition::max).toList(),
                definitions.stream().map(ParameterDefinition::value).toList())
            .send();
    NoderrStaking staking =
        NoderrStaking.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                token.getContractAddress(),
                parameters.getContractAddress(),
                timelock.getContractAddress(),
                guardian.value())
            .send();
    NoderrGovernor governor =
        NoderrGovernor.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                staking.getContractAddress(),
                timelock.getContractAddress(),
                parameters.getContractAddress(),
                token.getContractAddress(),
                seconds(settings.votingDelay()),
                seconds(settings.votingPeriod()),
                settings.proposalThreshold(),
                settings.quorumPercents().stream().map(BigInteger::valueOf).toList(),
                settings.tierDelays().stream().map(DemoGovernance::seconds).toList())
            .send();
    String governorAddress = governor.getContractAddress();
    timelock.grantRole(timelock.PROPOSER_ROLE().send(), governorAddress).send();
    timelock.grantRole(timelock.CANCELLER_ROLE().send(), governorAddress).send();
    timelock.grantRole(timelock.EXECUTOR_ROLE().send(), governorAddress).send();
    timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE().send(), deployer).send();
    return new DemoGovernance(
        Address.of(token.getContractAddress()),
        Address.of(staking.getContractAddress()),
        Address.of(timelock.getContractAddress()),
        Address.of(governorAddress),
        Address.of(parameters.getContractAddress()));
  }

  /** The token, sending as the dev chain's deployer (its owner). */
  public NoderrToken token(DevChain chain) {
    return NoderrToken.load(token.value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private static BigInteger seconds(Duration duration) {
    return BigInteger.valueOf(duration.toSeconds());
  }
}
