// Builds the offline verifier: dist/journal-verify.mjs (the CLI, self-contained) and
// dist/journal-verifier.html (the page). The build functions are TypeScript (src/build-page.ts):
// esbuild bundles them first, with the packages left outside, and this script imports the result.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = `${root}src`;
const dist = `${root}dist`;
await mkdir(dist, { recursive: true });
const builder = `${dist}/.build-page.mjs`;
await build({
  entryPoints: [`${sourceDir}/build-page.ts`],
  outfile: builder,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
try {
  const { buildVerifierCli, buildVerifierPage } = await import(builder);
  await buildVerifierCli(`${dist}/journal-verify.mjs`, { sourceDir });
  await writeFile(`${dist}/journal-verifier.html`, await buildVerifierPage({ sourceDir }));
} finally {
  await rm(builder, { force: true });
}
console.log(`Собрано: ${dist}/journal-verify.mjs, ${dist}/journal-verifier.html`);
