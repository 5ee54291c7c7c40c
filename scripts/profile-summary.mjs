#!/usr/bin/env node
// Summarises V8 CPU profiles (`node --cpu-prof`, as `BENCH_CPU_PROFILE=<dir> npm run bench`
// writes them): for each profile, where its on-CPU time went by owner (our code per app or
// library, each npm package, Node itself, the garbage collector) and the functions with the most
// self time.
//
//   node scripts/profile-summary.mjs <dir or .cpuprofile>... [--top=25]
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const inputs = args.filter((a) => !a.startsWith('--'));
if (inputs.length === 0) {
  console.error('usage: node scripts/profile-summary.mjs <dir or .cpuprofile>... [--top=25]');
  process.exit(2);
}

const files = inputs.flatMap((input) =>
  fs.statSync(input).isDirectory()
    ? fs
        .readdirSync(input)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => path.join(input, name))
    : [input],
);

for (const file of files) summarise(file);

function summarise(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byOwner = new Map();
  const byFunction = new Map();
  let onCpuUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id).callFrame;
    if (frame.functionName === '(idle)') continue;
    onCpuUs += us;
    const owner = ownerOf(frame);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const wallUs = profile.endTime - profile.startTime;
  console.log(`\n${path.basename(file)}: ${ms(onCpuUs)} on CPU of ${ms(wallUs)} wall`);
  printTable('by owner', byOwner, onCpuUs, Infinity);
  printTable(`top ${top} functions by self time`, byFunction, onCpuUs, top);
}

function printTable(title, totals, onCpuUs, limit) {
  console.log(`  ${title}:`);
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .forEach(([name, us]) => {
      const share = ((100 * us) / onCpuUs).toFixed(1).padStart(5);
      console.log(`    ${share} %  ${ms(us).padStart(10)}  ${name}`);
    });
}

function ownerOf({ url, functionName }) {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'V8 and native code';
  if (!url) return 'native';
  if (url.startsWith('node:')) return 'node';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const [scope, name] = url.slice(inModules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const ours = url.match(/\/dist\/(apps|libs)\/([^/]+)\//);
  return ours ? `${ours[1]}/${ours[2]}` : shortUrl(url);
}

function shortUrl(url) {
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) return url.slice(inModules + 'node_modules/'.length);
  const inDist = url.indexOf('/dist/');
  return inDist >= 0 ? url.slice(inDist + 1) : url.replace(/^file:\/\//, '');
}

function ms(us) {
  return `${(us / 1000).toFixed(1)} ms`;
}
