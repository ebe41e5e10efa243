// Prints reward trees built by OpenZeppelin's StandardMerkleTree (the reference implementation the
// RewardDistributor's proofs follow) as JSON: for each tree its leaves, root and every leaf's proof.
// signing's RewardTreeTest checks that io.noderr.signing.RewardTree builds the same roots and proofs.
// Usage (in contracts/, after npm ci):
//   node scripts/reward-tree-fixture.js > ../signing/src/test/resources/reward-tree/fixture.json
'use strict';
const { StandardMerkleTree } = require('@openzeppelin/merkle-tree');

const LEAF_TYPES = ['uint256', 'address', 'uint256'];
const WEI_PER_TOKEN = 10n ** 18n;

/** A deterministic, checksum-free test address: 0x followed by the byte `seed` twenty times. */
function address(seed) {
  return '0x' + seed.toString(16).padStart(2, '0').repeat(20);
}

function tree(name, epoch, amounts) {
  const values = amounts.map((amount, i) => [epoch.toString(), address(0x11 * (i + 1) % 256), amount.toString()]);
  const built = StandardMerkleTree.of(values, LEAF_TYPES);
  return {
    name,
    root: built.root,
    leaves: values.map((value, i) => ({
      epoch: value[0],
      account: value[1],
      amount: value[2],
      proof: built.getProof(i),
    })),
  };
}

const trees = [
  tree('one leaf', 0, [1000n]),
  tree('two leaves', 1, [5n * WEI_PER_TOKEN, 0n]),
  tree('seven leaves', 42, [
    1n,
    2n ** 255n,
    1234n * WEI_PER_TOKEN + 5n,
    7n * WEI_PER_TOKEN,
    10n ** 24n,
    99n,
    3n * WEI_PER_TOKEN,
  ]),
];
process.stdout.write(JSON.stringify({ leafTypes: LEAF_TYPES, trees }, null, 2) + '\n');
