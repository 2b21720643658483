// The bundle budget: reports the widget's gzipped size and fails the build above 80 KB, so a heavy dependency
// cannot slip onto every customer's page unnoticed.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 80 * 1024;
const file = new URL('../dist/support-chat.js', import.meta.url);
const raw = readFileSync(file);
const gzipped = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`support-chat.js: ${kb(raw.length)}, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_BYTES)} gzipped)`);
if (gzipped > BUDGET_BYTES) {
  console.error(`support-chat.js is ${kb(gzipped)} gzipped, over the ${kb(BUDGET_BYTES)} budget: the build fails.`);
  process.exit(1);
}
