#!/usr/bin/env node
// Runs the built harness (dist/, made by `npm run build`, which `npm ci` and `npm test` run).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("Error: receptor-lab is not built (dist/cli/main.js is missing).\nTry this: npm run build (npm ci runs it too).\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
