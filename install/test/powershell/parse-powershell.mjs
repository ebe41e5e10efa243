// Grammar check of PowerShell scripts with the tree-sitter PowerShell grammar, run as WebAssembly
// (web-tree-sitter), so it needs neither pwsh nor a native build. It approximates PowerShell's own
// parser: it finds syntax errors (unbalanced braces, broken expressions, bad here-strings), not
// what PSScriptAnalyzer's rules would, and it runs nothing.
//
//   node parse-powershell.mjs FILE...   # one "FILE:LINE:COLUMN: ..." line per error; exit 1 if any
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node parse-powershell.mjs FILE...');
  process.exit(2);
}
await Parser.init();
const require = createRequire(import.meta.url);
const powershell = await Language.load(
  require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(powershell);

// ERROR nodes are text the grammar could not place; MISSING nodes are tokens it had to invent.
function errorsIn(node, found = []) {
  if (node.isError || node.isMissing) {
    found.push(node);
  } else if (node.hasError) {
    for (const child of node.children) errorsIn(child, found);
  }
  return found;
}

let errors = 0;
for (const file of files) {
  const tree = parser.parse(readFileSync(file, 'utf8'));
  for (const node of errorsIn(tree.rootNode)) {
    const at = `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    const what = node.isMissing ? `missing ${node.type}` : 'syntax error';
    console.log(`${at}: ${what} near '${node.text.slice(0, 40).replace(/\s+/g, ' ')}'`);
    errors++;
  }
  tree.delete();
}
console.log(`${files.length} file(s), ${errors} syntax error(s)`);
process.exit(errors === 0 ? 0 : 1);
