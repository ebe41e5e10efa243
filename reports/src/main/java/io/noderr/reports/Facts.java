package io.noderr.reports;

import java.util.List;

/**
 * What the build found, for the launch checklist's {@code auto:} items. Each nullable text field is
 * null when its report is missing.
 *
 * @param tests tests run over all modules
 * @param failed failures plus errors
 * @param skipped skipped tests
 * @param modulesWithoutResults modules with test sources but no surefire/failsafe reports
 * @param lineCoverage covered lines in percent over all modules, -1 without coverage data
 * @param coverageTarget the line coverage target in percent
 * @param disabled {@code @Disabled} annotations in test sources ("file:line")
 * @param workflows workflow interfaces found
 * @param workflowsWithoutHistories workflow interfaces without replay histories
 * @param solhintErrors solhint's errors, -1 when its report is missing
 * @param solhintWarnings solhint's warnings, -1 when its report is missing
 * @param sboms the SBOMs found (paths relative to the root)
 * @param sbomsMissing the SBOMs expected but missing or not CycloneDX
 * @param updates the dependency updates report's state: null when missing, "offline" when the build
 *     could not check, otherwise the number of newer releases it lists
 * @param docsLinks the docs link check's summary, null when no report exists
 * @param docsLinksPassed whether that link check passed
 */
public record Facts(
    int tests,
    int failed,
    int skipped,
    List<String> modulesWithoutResults,
    double lineCoverage,
    double coverageTarget,
    List<String> disabled,
    int workflows,
    List<String> workflowsWithoutHistories,
    int solhintErrors,
    int solhintWarnings,
    List<String> sboms,
    List<String> sbomsMissing,
    String updates,
    String docsLinks,
    boolean docsLinksPassed) {}
