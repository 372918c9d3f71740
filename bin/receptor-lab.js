#!/usr/bin/env node
// Runs the TypeScript harness directly (tsx), so `npm ci` is the only install step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../harness/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
