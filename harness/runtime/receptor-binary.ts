import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "../errors.js";
import { paths } from "../paths.js";
import type { Progress } from "../progress.js";
import { runCommand } from "./run-command.js";

const receptorModule = "github.com/ansible/receptor";

/**
 * Builds the real receptor binary from its Go module at `version` (cached per version):
 * CGO off, with the version linker flag so `status` reports it. The build goes through a small
 * module of ours that requires receptor and repeats any `replace` of receptor's go.mod, because
 * `go install pkg@version` refuses modules that hold one.
 */
export async function ensureReceptorBinary(version: string, progress: Progress): Promise<string> {
  const dir = join(paths.cache, "receptor", version);
  const binary = join(dir, "receptor");
  if (existsSync(binary)) return binary;

  progress.step(`Building receptor ${version} from the Go module proxy (first time only, about 2 minutes) …`);
  const moduleDir = join(dir, "module");
  await mkdir(moduleDir, { recursive: true });
  const env = {
    ...process.env,
    CGO_ENABLED: "0",
    GOFLAGS: "-mod=mod",
    // The public checksum database does not always know receptor's newest tags; the module
    // proxy's own hash is then recorded in our go.sum.
    GONOSUMDB: [process.env.GONOSUMDB, receptorModule].filter(Boolean).join(","),
  };
  const hint = `Check that Go ≥ 1.23 is installed and the Go module proxy is reachable, and that receptor v${version} exists (see node/versions.json).`;
  const downloaded = await runCommand("go", ["mod", "download", "-json", `${receptorModule}@v${version}`], { cwd: moduleDir, env, hint });
  const goMod = (JSON.parse(downloaded) as { GoMod?: string }).GoMod;
  if (!goMod) throw new EnvironmentError(`the Go module proxy returned no go.mod for ${receptorModule}@v${version}`, hint);
  const replaces = replaceDirectives(await readFile(goMod, "utf8"));
  if (replaces.length > 0) progress.detail(`repeating receptor's replace directives: ${replaces.join("; ")}`);

  await writeFile(
    join(moduleDir, "go.mod"),
    [`module receptorlab/receptor-build`, "", "go 1.23", "", `require ${receptorModule} v${version}`, "", ...replaces.map((line) => `replace ${line}`), ""].join("\n"),
  );
  await copyFile(join(paths.nodeImage, "receptor-build", "tools.go"), join(moduleDir, "tools.go"));
  await runCommand("go", ["mod", "tidy"], { cwd: moduleDir, env, progress, hint });
  const output = join(dir, "receptor.tmp");
  await runCommand(
    "go",
    ["build", "-trimpath", "-o", output, "-ldflags", `-s -w -X ${receptorModule}/internal/version.Version=${version}`, `${receptorModule}/cmd/receptor-cl`],
    { cwd: moduleDir, env, progress, hint },
  );
  await rename(output, binary);
  return binary;
}

/** The `old => new` parts of every replace directive (single-line and block form). */
export function replaceDirectives(goMod: string): string[] {
  const result: string[] = [];
  let inBlock = false;
  for (const raw of goMod.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (inBlock) {
      if (line === ")") inBlock = false;
      else if (line) result.push(line);
    } else if (/^replace\s*\($/.test(line)) inBlock = true;
    else if (line.startsWith("replace ")) result.push(line.slice("replace ".length).trim());
  }
  return result;
}
