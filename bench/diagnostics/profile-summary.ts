import { readFileSync } from 'node:fs';

/**
 * Reads a `.cpuprofile` (node --cpu-prof) and prints where the time went: the heaviest functions
 * by self time and by inclusive time, and self time per area (a package under node_modules, a
 * folder of this repository, Node's internals, GC).
 *
 *   npx tsx bench/diagnostics/profile-summary.ts FILE.cpuprofile [--top 25]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx bench/diagnostics/profile-summary.ts FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/work\/main\//, '');

const label = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
  url
    ? `${functionName || '(anonymous)'}  ${shortUrl(url)}:${lineNumber + 1}`
    : functionName || '(anonymous)';

// Areas: "express", "ajv", "mock/api", "node:internal", "(garbage collector)"…
const area = ({ callFrame: { functionName, url } }: ProfileNode) => {
  if (!url) return functionName;
  if (url.startsWith('node:')) return 'node:internal';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  return shortUrl(url).split('/').slice(0, -1).join('/') || shortUrl(url);
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const areas = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);

profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id);
  if (!leaf) return;
  total += us;
  add(self, label(leaf), us);
  add(areas, area(leaf), us);
  // Each function counts once per sample, however deep it recurses.
  const seen = new Set<string>();
  for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
    const key = label(node);
    if (!seen.has(key)) {
      seen.add(key);
      add(inclusive, key, us);
    }
  }
});

const print = (title: string, map: Map<string, number>, n: number) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    process.stdout.write(
      `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`,
    );
  }
};

process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
print('self time by area', areas, 20);
print('self time by function', self, top);
print('inclusive time by function', inclusive, top);
