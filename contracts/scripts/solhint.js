// Lints the Solidity sources with solhint (npm, pinned in package.json) and the rules in
// .solhint.json, writes the findings to the report file (unix format, one finding a line) and
// prints them. Exits non-zero on an error (a warning is reported, not fatal); the launch checklist
// (docs/launch-checklist.md) counts both from the report.
// Usage: node scripts/solhint.js <report file> <glob...>
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const [report, ...globs] = process.argv.slice(2);
if (!report || globs.length === 0) {
  console.error('usage: node scripts/solhint.js <report file> <glob...>');
  process.exit(2);
}
const cli = require.resolve('solhint/solhint.js');
const run = spawnSync(process.execPath, [cli, '-c', '.solhint.json', '-f', 'unix', ...globs], {
  encoding: 'utf8',
});
const output = (run.stdout || '') + (run.stderr || '');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.writeFileSync(report, output);
const findings = output.split('\n').filter((l) => /\[(Error|Warning)\//.test(l));
if (findings.length > 0) {
  console.log(findings.join('\n'));
}
const errors = findings.filter((l) => l.includes('[Error/')).length;
console.log(`solhint: ${errors} errors, ${findings.length - errors} warnings (${report})`);
process.exit(run.status === 0 ? 0 : 1);
