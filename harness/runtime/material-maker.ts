import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "../errors.js";
import type { Progress } from "../progress.js";
import { certificateScript, parsePrintedFiles, type Material, type MaterialPlan } from "../topology/lab-material.js";
import type { ExecResult } from "./lab-runtime.js";

/** Runs a shell script in a throwaway container of the node image. */
export type ScriptRunner = (script: string) => Promise<ExecResult>;

/**
 * Makes a lab's CAs and node certificates with Receptor's own commands (inside the node image)
 * and its signing key pairs, cached under `cacheDir/material/` by plan and Receptor version. A
 * plan with an expiring certificate is made fresh every time (its end is counted from now).
 */
export async function makeMaterial(plan: MaterialPlan, run: ScriptRunner, receptorVersion: string, cacheDir: string, progress: Progress): Promise<Material> {
  const expiring = plan.certs.some((cert) => cert.expiresAfterMs !== undefined);
  const file = join(cacheDir, "material", `${createHash("sha256").update(JSON.stringify({ plan, receptorVersion })).digest("hex").slice(0, 16)}.json`);
  if (!expiring) {
    const cached = await readFile(file, "utf8").catch(() => undefined);
    if (cached) return JSON.parse(cached) as Material;
  }
  progress.step(`Making the lab's certificates with receptor --cert-init/--cert-makereq/--cert-signreq (${plan.certs.length} nodes) …`);
  const material: Material = { cas: {}, certs: {}, signingKeys: {} };
  if (plan.certs.length > 0) {
    const result = await run(certificateScript(plan, new Date()));
    if (result.exitCode !== 0) {
      throw new EnvironmentError(
        `making the lab's certificates failed with exit code ${result.exitCode}: ${result.stderr.trim().split("\n").slice(-5).join(" / ")}`,
        "The node image's receptor makes them; rebuild it with 'receptor-lab image --rebuild'.",
      );
    }
    const files = parsePrintedFiles(result.stdout);
    for (const ca of plan.cas) material.cas[ca] = { cert: files[`ca-${ca}.crt`]!, key: files[`ca-${ca}.key`]! };
    for (const cert of plan.certs) material.certs[cert.node] = { cert: files[`${cert.node}.crt`]!, key: files[`${cert.node}.key`]! };
  }
  for (const name of plan.signingKeys) {
    const pair = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
    });
    material.signingKeys[name] = { privateKey: pair.privateKey, publicKey: pair.publicKey };
  }
  if (!expiring) {
    await mkdir(join(cacheDir, "material"), { recursive: true });
    await writeFile(file, JSON.stringify(material), { mode: 0o600 });
  }
  return material;
}
