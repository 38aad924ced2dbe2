#!/usr/bin/env node
// The CLI's entry: the bundled verifier (dist/journal-verify.mjs, all dependencies inside).
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/journal-verify.mjs', import.meta.url);
if (!existsSync(bundled)) {
  console.error(
    'Программа проверки не собрана. Соберите её из корня проекта командой:\n  npm run build -w packages/journal-verifier',
  );
  process.exit(2);
}
await import(bundled.href);
