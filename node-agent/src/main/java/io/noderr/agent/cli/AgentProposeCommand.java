package io.noderr.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.NodeKey;
import io.noderr.agent.identity.NodeKeys;
import io.noderr.agent.identity.NodeLogin;
import io.noderr.agent.identity.Session;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.platform.ProposalSubmitted;
import io.noderr.signing.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agent propose}: the node submits a governance proposal its operator signed offline ({@code
 * noderr propose --sign-only}), through the node's own authenticated session. The node adds no
 * authority and checks no signature (signatures are the operators' and the platform's business): it
 * forwards the document unchanged, the platform checks the signature before relaying, and the
 * governor counts the operator's stake because the operator's signature is on it.
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a governance proposal your operator key signed (noderr propose --sign-only) through"
          + " this node's authenticated session.",
      "Exit codes: 0 submitted, 1 refused or failed, 2 usage."
    })
class AgentProposeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @ParentCommand AgentCommand agent;

  @Option(
      names = "--proposal-file",
      required = true,
      paramLabel = "FILE",
      description = "The signed proposal (JSON) noderr propose --sign-only wrote.")
  Path proposalFile;

  @Override
  public Integer call() {
    URI platform = agent.connection.platform;
    ConnectionOptions.requireHttp("--platform", platform);
    JsonNode proposal = read();
    Address proposer = Address.of(proposal.path("proposer").asText());
    PrintWriter out = spec.commandLine().getOut();
    AuthClient auth = new AuthClient(new JsonApi(platform));
    NodeLogin login =
        new NodeLogin(auth, new IdentityFile(agent.stateDir), platform, Clock.systemUTC());
    if (!login.registered()) {
      throw new IllegalArgumentException(
          "this node is not registered (no " + IdentityFile.NAME + " in " + agent.stateDir + ")");
    }
    try (NodeKey key = NodeKeys.open(agent.tpm, agent.stateDir)) {
      Session session = login.login(key);
      ProposalSubmitted submitted = new PlatformClient(platform, session.token()).propose(proposal);
      out.println(
          "proposal "
              + submitted.proposalId()
              + " by "
              + proposer.checksummed()
              + " submitted through node "
              + session.nodeId()
              + " (workflow "
              + submitted.workflowId()
              + ")");
    }
    return 0;
  }

  /** The document, refused here only when it is not even a proposal's JSON shape. */
  private JsonNode read() {
    try {
      JsonNode json = JSON.readTree(proposalFile.toFile());
      if (json == null
          || !json.isObject()
          || !json.path("proposer").isTextual()
          || !json.path("signature").isTextual()) {
        throw new IllegalArgumentException(
            proposalFile
                + " is not a signed proposal: it needs at least a proposer and a signature (write"
                + " it with noderr propose --sign-only)");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          proposalFile + " is not a signed proposal (JSON): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the signed proposal " + proposalFile + ": " + e.getMessage());
    }
  }
}
