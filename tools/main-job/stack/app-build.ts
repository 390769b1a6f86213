import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the app build reads: when any of it is newer than the built entry, the build is stale. */
const BUILD_INPUTS = [
  'apps/memory-api',
  'libs/memory-lock',
  'tsconfig.base.json',
  'package-lock.json',
];

export function appEntry(root: string): string {
  return join(root, 'dist', 'apps', 'memory-api', 'src', 'main.js');
}

/** Builds memory-api with Nx when its built entry is missing or older than its sources. */
export function ensureAppBuilt(root: string): string {
  const entry = appEntry(root);
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestInput(root)) {
    console.log('memory-api build is up to date');
    return entry;
  }

  console.log('building memory-api: npx nx build memory-api');
  const build = spawnSync('npx', ['nx', 'build', 'memory-api'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (build.status !== 0) throw new Error(`npx nx build memory-api failed (exit ${build.status})`);
  if (!existsSync(entry)) throw new Error(`the build finished but ${entry} does not exist`);
  return entry;
}

function newestInput(root: string): number {
  return Math.max(0, ...BUILD_INPUTS.map((input) => newestIn(join(root, input))));
}

function newestIn(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;

  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestIn(join(path, entry)));
  }
  return newest;
}
