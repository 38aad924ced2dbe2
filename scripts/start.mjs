// `npm start`: builds the web app when its build is missing or older than its sources, then runs the
// server in this same process (TypeScript through tsx), so signals reach the server directly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { register } from 'tsx/esm/api';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const builtIndex = path.join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(path.join(web, 'src')),
  // the web app bundles the shared schemas and Russian messages too
  newestMtime(path.join(root, 'packages/contracts/src')),
  fs.statSync(path.join(web, 'index.html')).mtimeMs,
  fs.statSync(path.join(web, 'vite.config.ts')).mtimeMs,
);
// A worker-only process (ROLE=worker) serves no pages: nothing to build for it.
const serves = process.env.ROLE?.trim() !== 'worker';
if (serves && (!fs.existsSync(builtIndex) || fs.statSync(builtIndex).mtimeMs < sources)) {
  console.log('Сборка веб-приложения…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Не удалось собрать веб-приложение');
    process.exit(build.status ?? 1);
  }
}

register();
await import(path.join(root, 'apps/server/src/main.ts'));
