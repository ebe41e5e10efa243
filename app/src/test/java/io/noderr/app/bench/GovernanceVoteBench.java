package io.noderr.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.app.PlatformApi;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.Signatures;
import io.noderr.workflows.governance.ChainChange;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.temporal.client.WorkflowClient;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;

/**
 * {@code ./noderr bench governance-votes [--operators 1000] [--clients 8]}: operators with keys of
 * their own stake on ganache, one proposes a parameter change, and every operator's signed ballot
 * is relayed by the platform (REST → the proposal workflow's Update → {@code castVoteBySig}).
 * Prints the set-up time, votes relayed per minute, the relay latency a voter waits for (POST → 200
 * with the transaction), and vote-to-tally latency (POST answered → the proposal's tally over REST
 * includes the vote, through the governance follower).
 */
public final class GovernanceVoteBench {

  private static final String PASSWORD = "bench";
  private static final long STAKE = 2_000;

  public static void main(String[] args) throws Exception {
    int operators = BenchPlatform.intArgument(args, "--operators", 1_000);
    int clients = BenchPlatform.intArgument(args, "--clients", 8);
    try (DevChain chain = DevChain.start()) {
      DemoDeployment beacon = DemoDeployment.deploy(chain);
      DemoGovernance governance = DemoGovernance.deploy(chain, beacon.multisig(), settings());
      StakedOperators staked = new StakedOperators(chain, governance);
      long setUp = System.nanoTime();
      List<ECKeyPair> voters = stakedOperators(staked, operators);
      BenchPlatform.print("operators staked", operators);
      BenchPlatform.print("seconds to fund and stake them", (System.nanoTime() - setUp) / 1e9);

      try (BenchPlatform platform = BenchPlatform.start(0, arguments(chain, beacon, governance))) {
        PlatformApi api = new PlatformApi(platform.base);
        String proposalId = propose(chain, governance, staked, voters.getFirst());
        awaitState(api, proposalId, "PENDING");
        chain.advanceTime(settings().votingDelay().plusSeconds(1));
        platform
            .context
            .getBean(WorkflowClient.class)
            .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId))
            .chainChanged(new ChainChange("bench: voting delay passed", null));
        awaitState(api, proposalId, "ACTIVE");
        relayAll(api, proposalId, voters, clients, governance);
      }
    }
  }

  /** Long enough a vote for a thousand ballots; proposals open after 2 s. */
  private static GovernanceSettings settings() {
    GovernanceSettings dev = GovernanceSettings.devDefaults();
    return new GovernanceSettings(
        Duration.ofSeconds(2),
        Duration.ofHours(2),
        dev.proposalThreshold(),
        dev.quorumPercents(),
        dev.tierDelays(),
        dev.timelockMinDelay(),
        dev.parameters());
  }

  /** Funding comes from the dev chain's one funded account, whose nonces are sequential. */
  private static List<ECKeyPair> stakedOperators(StakedOperators staked, int count)
      throws Exception {
    List<ECKeyPair> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(staked.create(STAKE));
    }
    return keys;
  }

  private static String propose(
      DevChain chain, DemoGovernance governance, StakedOperators staked, ECKeyPair proposer)
      throws Exception {
    String calldata =
        NoderrParameters.load(
                governance.parameters().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
            .setParameter("rollout.canaryPercent", BigInteger.valueOf(10))
            .encodeFunctionCall();
    String description = "bench: canary 10 %";
    staked
        .governor(proposer)
        .propose(
            List.of(governance.parameters().value()),
            List.of(BigInteger.ZERO),
            List.of(org.web3j.utils.Numeric.hexStringToByteArray(calldata)),
            description)
        .send();
    return ProposalIds.of(
            List.of(governance.parameters()),
            List.of(BigInteger.ZERO),
            List.of(calldata),
            description)
        .toString();
  }

  private static void relayAll(
      PlatformApi api,
      String proposalId,
      List<ECKeyPair> voters,
      int clients,
      DemoGovernance governance)
      throws Exception {
    List<Double> relayMillis = Collections.synchronizedList(new ArrayList<>());
    List<Double> tallyMillis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < voters.size(); i++) {
      ECKeyPair voter = voters.get(i);
      boolean sampleTally = i % 50 == 0;
      done.add(
          pool.submit(
              () -> {
                String signature =
                    new GovernorBallot(
                            DevChain.CHAIN_ID,
                            governance.governor(),
                            new BigInteger(proposalId),
                            GovernorBallot.FOR,
                            Signatures.addressOf(voter),
                            BigInteger.ZERO)
                        .sign(voter);
                long sent = System.nanoTime();
                HttpResponse<String> answer =
                    api.post(
                        "/api/v1/governance/proposals/" + proposalId + "/ballots",
                        "admin",
                        Map.of(
                            "voter",
                            Signatures.addressOf(voter).value(),
                            "support",
                            "FOR",
                            "signature",
                            signature));
                long answered = System.nanoTime();
                if (answer.statusCode() != 200) {
                  refused.incrementAndGet();
                  return null;
                }
                relayMillis.add((answered - sent) / 1e6);
                if (sampleTally) {
                  tallyMillis.add(awaitVoteCounted(api, proposalId, voter, answered));
                }
                return null;
              }));
    }
    for (Future<?> each : done) {
      each.get();
    }
    double minutes = (System.nanoTime() - started) / 6e10;
    pool.shutdown();
    BenchPlatform.print("ballots relayed", relayMillis.size());
    BenchPlatform.print("ballots refused", refused.get());
    BenchPlatform.print("client threads", clients);
    BenchPlatform.print("votes relayed per minute", relayMillis.size() / minutes);
    BenchPlatform.printPercentiles("ms POST ballot to relayed (transaction mined)", relayMillis);
    BenchPlatform.printPercentiles("ms relayed to counted in the tally (REST)", tallyMillis);
    BenchPlatform.printPeakHeap();
  }

  /** Polls the proposal every 20 ms until the voter's vote is in its tally. */
  private static double awaitVoteCounted(
      PlatformApi api, String proposalId, ECKeyPair voter, long answeredNanos) throws Exception {
    String address = Signatures.addressOf(voter).value();
    while (true) {
      JsonNode proposal = api.get("/api/v1/governance/proposals/" + proposalId, "sre");
      for (JsonNode vote : proposal.path("votes")) {
        if (vote.path("voter").asText().equalsIgnoreCase(address)) {
          return (System.nanoTime() - answeredNanos) / 1e6;
        }
      }
      Thread.sleep(20);
    }
  }

  private static void awaitState(PlatformApi api, String proposalId, String state)
      throws Exception {
    for (int i = 0; i < 1_500; i++) {
      JsonNode proposal =
          api.status("/api/v1/governance/proposals/" + proposalId, "sre") == 200
              ? api.get("/api/v1/governance/proposals/" + proposalId, "sre")
              : null;
      if (proposal != null && state.equals(proposal.path("state").asText())) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("proposal " + proposalId + " never reached " + state);
  }

  private static String[] arguments(
      DevChain chain, DemoDeployment beacon, DemoGovernance governance) throws Exception {
    Path keys = Files.createTempDirectory("noderr-bench-keys");
    String sender =
        WalletUtils.generateWalletFile(
            PASSWORD, DemoSigners.devChainSender(), keys.toFile(), false);
    return new String[] {
      "--noderr.beacon.rpc-url=" + chain.rpcUrl(),
      "--noderr.beacon.chain-id=" + DevChain.CHAIN_ID,
      "--noderr.beacon.multisig-address=" + beacon.multisig(),
      "--noderr.beacon.sender-keystore=" + keys.resolve(sender),
      "--noderr.beacon.sender-keystore-password=" + PASSWORD,
      "--noderr.beacon.poll-interval=200ms",
      "--noderr.governance.governor-address=" + governance.governor(),
      "--noderr.governance.staking-address=" + governance.staking(),
      "--noderr.governance.parameters-address=" + governance.parameters(),
      "--noderr.governance.timelock-address=" + governance.timelock(),
      "--noderr.governance.token-address=" + governance.token(),
      "--noderr.governance.poll-interval=200ms"
    };
  }
}
