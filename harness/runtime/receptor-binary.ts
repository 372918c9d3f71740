import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { EnvironmentError } from "../errors.js";
import { paths } from "../paths.js";
import type { Progress } from "../progress.js";
import type { NodeVersions } from "./node-versions.js";
import { runCommand } from "./run-command.js";
import { goModuleEnv } from "./receptor-query.js";
import { receptorModule } from "./receptor-source.js";

const downloadTimeoutMs = 5 * 60_000;
const tidyTimeoutMs = 10 * 60_000;
const buildTimeoutMs = 10 * 60_000;

/**
 * The Go architecture (GOARCH) for a Docker engine's `Architecture` (what `docker info` reports,
 * `uname -m` of the engine's host: x86_64, aarch64). Undefined for one we do not build for.
 */
export function goArchOf(engineArchitecture: string): "amd64" | "arm64" | undefined {
  switch (engineArchitecture.trim().toLowerCase()) {
    case "x86_64":
    case "amd64":
      return "amd64";
    case "aarch64":
    case "arm64":
      return "arm64";
    default:
      return undefined;
  }
}

/**
 * Builds the real receptor binary from its Go module at `version` for linux/`goarch` (the node
 * containers' platform, whatever this host is; cached per version and platform): CGO off, with
 * the version linker flag so `status` reports it. The build goes through a small module of ours
 * that requires receptor and repeats any `replace` of receptor's go.mod, because
 * `go install pkg@version` refuses modules that hold one.
 */
export async function ensureReceptorBinary(versions: NodeVersions, goarch: string, progress: Progress, cacheDir: string): Promise<string> {
  const version = versions.receptor;
  const source = versions.source;
  const dir = join(cacheDir, "receptor", source ? `${version}-${source.contentHash}` : version);
  const binary = join(dir, `linux-${goarch}`, "receptor");
  if (existsSync(binary)) return binary;

  progress.step(
    source
      ? `Building receptor from the source tree ${source.path} (${version}) for linux/${goarch} …`
      : `Building receptor ${version} for linux/${goarch} from the Go module proxy (first time only, about 2 minutes) …`,
  );
  const moduleDir = join(dir, "module");
  await mkdir(moduleDir, { recursive: true });
  await mkdir(dirname(binary), { recursive: true });
  const env = {
    GOOS: "linux",
    GOARCH: goarch,
    CGO_ENABLED: "0",
    ...goModuleEnv(),
  };
  const hint = source
    ? `Check that Go ≥ 1.23 is installed, the Go module proxy is reachable for receptor's dependencies, and ${source.path} builds ('go build ./cmd/receptor-cl' there).`
    : `Check that Go ≥ 1.23 is installed and the Go module proxy is reachable, and that receptor v${version} exists (see node/versions.json).`;
  let goMod: string;
  if (source) {
    goMod = join(source.path, "go.mod");
  } else {
    const downloaded = await runCommand("go", ["mod", "download", "-json", `${receptorModule}@v${version}`], { cwd: moduleDir, env, hint, timeoutMs: downloadTimeoutMs });
    const found = parseDownload(downloaded.stdout).GoMod;
    if (!found) throw new EnvironmentError(`the Go module proxy returned no go.mod for ${receptorModule}@v${version}`, hint);
    goMod = found;
  }
  // a relative replace in receptor's go.mod points into its own tree
  const replaces = replaceDirectives(await readFile(goMod, "utf8")).map((line) => (source ? absoluteReplace(line, source.path) : line));
  if (replaces.length > 0) progress.detail(`repeating receptor's replace directives: ${replaces.join("; ")}`);
  const requirement = source ? "v0.0.0-00010101000000-000000000000" : `v${version}`;
  if (source) replaces.unshift(`${receptorModule} => ${source.path}`);

  await writeFile(
    join(moduleDir, "go.mod"),
    [`module receptorlab/receptor-build`, "", "go 1.23", "", `require ${receptorModule} ${requirement}`, "", ...replaces.map((line) => `replace ${line}`), ""].join("\n"),
  );
  await copyFile(join(paths.nodeImage, "receptor-build", "tools.go"), join(moduleDir, "tools.go"));
  await runCommand("go", ["mod", "tidy"], { cwd: moduleDir, env, progress, hint, timeoutMs: tidyTimeoutMs });
  const output = `${binary}.tmp`;
  await runCommand(
    "go",
    ["build", "-trimpath", "-o", output, "-ldflags", `-s -w -X ${receptorModule}/internal/version.Version=${version}`, `${receptorModule}/cmd/receptor-cl`],
    { cwd: moduleDir, env, progress, hint, timeoutMs: buildTimeoutMs },
  );
  await rename(output, binary);
  return binary;
}

/** `old => ./dir` with the directory made absolute against `root`; other replaces as they are. */
export function absoluteReplace(line: string, root: string): string {
  const [from, to] = line.split("=>").map((part) => part.trim());
  return to && (to.startsWith("./") || to.startsWith("../")) ? `${from} => ${resolve(root, to)}` : line;
}

function parseDownload(stdout: string): { GoMod?: string } {
  try {
    return JSON.parse(stdout) as { GoMod?: string };
  } catch (error) {
    throw new EnvironmentError(`'go mod download -json' printed no JSON on stdout:\n${stdout.slice(0, 500)}`, undefined, { cause: error });
  }
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
