// Compiles every contract under src/main/solidity with solc (npm, pinned in package.json) through
// standard JSON and writes <Contract>.abi and <Contract>.bin into the output directory, which
// web3j's codegen turns into Java wrappers. EVM target paris: what ganache 7.9 runs.
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
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: (p) => ({ contents: fs.readFileSync(path.join(sourceDir, p), 'utf8') }) }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const message of output.errors || []) {
  console.error(message.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}
fs.mkdirSync(outputDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    fs.writeFileSync(path.join(outputDir, name + '.abi'), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outputDir, name + '.bin'), contract.evm.bytecode.object);
    console.log('compiled ' + file + ':' + name + ' with solc ' + solc.version());
  }
}
