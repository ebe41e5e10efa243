// Compiles every contract under src/main/solidity with solc (npm, pinned in package.json) through
// standard JSON and writes <Contract>.abi and <Contract>.bin into the output directory, which
// web3j's codegen turns into Java wrappers. EVM target paris: what ganache 7.9 runs (OpenZeppelin
// Contracts 5.0.x still compile for it; later 5.x need cancun).
// Imports of '@openzeppelin/...' resolve from node_modules (the version pinned in package-lock.json),
// every other import from the source directory. Only the contracts of the source directory are
// written out, not the library's.
// Usage: node scripts/compile.js <sourceDir> <outputDir>
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [sourceDir, outputDir] = process.argv.slice(2);
if (!sourceDir || !outputDir) {
  console.error('usage: node scripts/compile.js <sourceDir> <outputDir>');
  process.exit(2);
}
const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const nodeModules = path.join(__dirname, '..', 'node_modules');
function findImport(importPath) {
  const base = importPath.startsWith('@openzeppelin/') ? nodeModules : sourceDir;
  const file = path.join(base, importPath);
  if (!fs.existsSync(file)) {
    return { error: 'not found: ' + importPath + ' (looked in ' + base + ')' };
  }
  return { contents: fs.readFileSync(file, 'utf8') };
}
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
// The library's own warnings (e.g. deprecated annotations in OpenZeppelin 5.0) are not ours to fix.
const ours = (message) =>
  message.severity === 'error' || !(message.sourceLocation?.file || '').startsWith('@openzeppelin/');
for (const message of (output.errors || []).filter(ours)) {
  console.error(message.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}
fs.mkdirSync(outputDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts).filter(([f]) => f in sources)) {
  for (const [name, contract] of Object.entries(contracts)) {
    fs.writeFileSync(path.join(outputDir, name + '.abi'), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outputDir, name + '.bin'), contract.evm.bytecode.object);
    console.log('compiled ' + file + ':' + name + ' with solc ' + solc.version());
  }
}
