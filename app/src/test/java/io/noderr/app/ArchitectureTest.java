package io.noderr.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import io.noderr.workflows.UpdateRefusals;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module rules of docs/architecture.md. Maven already stops a module from using what it does
 * not declare; these rules also catch a dependency added to a pom that breaks the layering.
 */
@AnalyzeClasses(
    packages = "io.noderr",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /**
   * Other modules' test-jars (node-agent's dockerd harness, attestation's swtpm) are test code on
   * this module's test classpath: their tests may use what the rules keep from production code.
   */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  private static final String ACTIVITIES = "io.noderr.activities..";
  private static final String WORKFLOWS = "io.noderr.workflows..";
  private static final String REGISTRY = "io.noderr.registry..";
  private static final String WORKER = "io.noderr.worker..";
  private static final String CONSOLE = "io.noderr.console..";
  private static final String AGENT = "io.noderr.agent..";
  private static final String CLI = "io.noderr.cli..";
  private static final String APP = "io.noderr.app..";
  private static final String ATTESTATION = "io.noderr.attestation..";
  private static final String SIGNING = "io.noderr.signing..";
  private static final String CONTRACTS = "io.noderr.contracts..";
  private static final String GATEWAY = "io.noderr.gateway..";
  private static final String HTTP = "io.noderr.http..";
  private static final String OBSERVABILITY = "io.noderr.observability..";

  @ArchTest
  static final ArchRule activitiesDependOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage(ACTIVITIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WORKFLOWS, REGISTRY, WORKER, CONSOLE, AGENT, CLI, APP)
          .because("activities hold only interfaces and records shared by platform and agents");

  @ArchTest
  static final ArchRule activitiesUseNoSpring =
      noClasses()
          .that()
          .resideInAnyPackage(ACTIVITIES, WORKFLOWS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
          .because("workflow code must stay deterministic and framework-free");

  @ArchTest
  static final ArchRule attestationDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage(ATTESTATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ACTIVITIES,
              WORKFLOWS,
              REGISTRY,
              WORKER,
              CONSOLE,
              AGENT,
              CLI,
              APP,
              "org.springframework..")
          .because("the verifier is a plain library: evidence in, verdict out");

  @ArchTest
  static final ArchRule signingDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage(SIGNING)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ACTIVITIES,
              WORKFLOWS,
              REGISTRY,
              WORKER,
              CONSOLE,
              AGENT,
              CLI,
              APP,
              CONTRACTS,
              "org.springframework..",
              "java.io..",
              "java.net..")
          .because(
              "workflow validators call it: it must stay deterministic (no I/O, no clock, no Spring)");

  @ArchTest
  static final ArchRule consoleDoesNotTalkToTheChain =
      noClasses()
          .that()
          .resideInAPackage(CONSOLE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CONTRACTS, "org.web3j.protocol..", "org.web3j.tx..")
          .because("only the worker sends transactions; the console reads the read models");

  @ArchTest
  static final ArchRule agentDoesNotUseThePlatformsVerifier =
      noClasses()
          .that()
          .resideInAPackage(AGENT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ATTESTATION)
          .because(
              "the agent ships to nodes; the verifier and its trust anchors stay on the platform");

  @ArchTest
  static final ArchRule workflowsUseOnlyActivities =
      noClasses()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(REGISTRY, WORKER, CONSOLE, AGENT, CLI, APP);

  @ArchTest
  static final ArchRule registryKnowsNoCallers =
      noClasses()
          .that()
          .resideInAPackage(REGISTRY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ACTIVITIES, WORKFLOWS, WORKER, CONSOLE, AGENT, CLI, APP);

  @ArchTest
  static final ArchRule consoleDoesNotUseWorkerInternals =
      noClasses()
          .that()
          .resideInAPackage(CONSOLE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WORKER, AGENT, CLI, APP)
          .because("the console talks to workflows through WorkflowClient and reads read models");

  @ArchTest
  static final ArchRule gatewayUsesOnlyActivitiesRegistryAndAttestation =
      noClasses()
          .that()
          .resideInAPackage(GATEWAY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WORKER, CONSOLE, AGENT, CLI, APP, SIGNING, CONTRACTS)
          .because(
              "the node gateway is the nodes' edge: sessions from the registry, no platform logic");

  @ArchTest
  static final ArchRule gatewayUsesNoWorkflowLogic =
      noClasses()
          .that()
          .resideInAPackage(GATEWAY)
          .should()
          .dependOnClassesThat(
              resideInAPackage(WORKFLOWS)
                  .and(
                      simpleNameEndingWith("Impl")
                          .or(
                              not(
                                  resideInAnyPackage(
                                      "io.noderr.workflows.onboarding",
                                      "io.noderr.workflows.governance")))
                          .and(not(type(UpdateRefusals.class)))))
          .because(
              "a verified registration is handed to the onboarding workflow by Update, a node's"
                  + " signed proposal starts its proposal workflow; nothing else of the workflows"
                  + " belongs at the edge");

  @ArchTest
  static final ArchRule nodeEndpointsLiveInTheGateway =
      classes()
          .that()
          .resideInAPackage(CONSOLE)
          .and()
          .areAnnotatedWith(RestController.class)
          .should(new NodeEndpointCondition())
          .because(
              "the console module is the admins' console; everything a node calls is the gateway's");

  @ArchTest
  static final ArchRule httpCommonKnowsNoCallers =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ACTIVITIES, WORKFLOWS, WORKER, CONSOLE, GATEWAY, AGENT, CLI, APP)
          .because(
              "the console API and the node API share it; it must not pull either into the other");

  @ArchTest
  static final ArchRule onlyTheAssemblyKnowsTheGateway =
      noClasses()
          .that()
          .resideInAnyPackage(
              ACTIVITIES,
              WORKFLOWS,
              REGISTRY,
              WORKER,
              CONSOLE,
              AGENT,
              CLI,
              ATTESTATION,
              SIGNING,
              HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(GATEWAY)
          .because(
              "the console and the worker must not reach into the gateway; the app wires it in");

  @ArchTest
  static final ArchRule workerDoesNotUseConsoleOrAgent =
      noClasses()
          .that()
          .resideInAPackage(WORKER)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CONSOLE, AGENT, CLI, APP);

  @ArchTest
  static final ArchRule observabilityIsPlumbingSharedWithTheAgent =
      noClasses()
          .that()
          .resideInAPackage(OBSERVABILITY)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              WORKFLOWS,
              REGISTRY,
              WORKER,
              CONSOLE,
              AGENT,
              CLI,
              APP,
              GATEWAY,
              "org.springframework..")
          .because("the node agent uses it too: no platform code and no Spring in it");

  @ArchTest
  static final ArchRule agentUsesOnlyActivities =
      noClasses()
          .that()
          .resideInAPackage(AGENT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WORKFLOWS, REGISTRY, WORKER, CONSOLE, APP)
          .because("the agent runs on operators' hosts and shares only the activity contracts");

  @ArchTest
  static final ArchRule agentCarriesNoPeoplesTools =
      noClasses()
          .that()
          .resideInAPackage(AGENT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CLI, CONTRACTS)
          .because(
              "the agent jar is what runs on a node: the simulator, the signer and the dev chain are"
                  + " the cli's, and the agent reads the beacon with its own eth_call");

  @ArchTest
  static final ArchRule agentNeverSigns =
      noClasses()
          .that()
          .resideInAPackage(AGENT)
          .should()
          .dependOnClassesThat(
              resideInAPackage(SIGNING)
                  .and(not(type(Address.class)))
                  .and(not(type(ImageDigest.class))))
          .because(
              "a node only compares digests with the beacon's; signatures are the signers' (cli) and"
                  + " the platform's");

  @ArchTest
  static final ArchRule onlyTheAssemblyEmbedsTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackages(CLI, APP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(CLI)
          .because("the cli uses the agent, never the reverse; the app embeds its simulated fleet");

  @ArchTest
  static final ArchRule workflowsAvoidNondeterminism =
      noClasses()
          .that()
          .resideInAPackage(WORKFLOWS)
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.util.Random")
          .because("workflow code uses Workflow.currentTimeMillis/sleep/newRandom");
}
