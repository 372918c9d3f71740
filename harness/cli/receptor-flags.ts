import { UsageError } from "../errors.js";
import type { ReceptorChoice } from "../runtime/node-versions.js";

/** The options that choose which Receptor a lab runs (one build). */
export const receptorFlags = {
  receptor: { type: "string" },
  receptorctl: { type: "string" },
  image: { type: "string" },
} as const;

export const receptorFlagsUsage = "[--receptor <version|commit|path> | --image <ref>] [--receptorctl <version>]";

interface ReceptorValues {
  receptor?: string | string[];
  receptorctl?: string;
  image?: string | string[];
}

/** One build per `--receptor` (comma-separated or repeated) and per `--image`; none: the pinned one. */
export function receptorChoices(values: ReceptorValues): Array<Omit<ReceptorChoice, "cacheDir">> {
  const receptors = [values.receptor ?? []].flat().flatMap((value) => value.split(",")).map((value) => value.trim());
  const images = [values.image ?? []].flat().map((value) => value.trim());
  if ([...receptors, ...images].some((value) => value === "")) throw new UsageError("an empty --receptor or --image", "Name a version, commit, path or image: --receptor 1.4.11,1.6.5");
  const client = values.receptorctl ? { receptorctl: values.receptorctl } : {};
  const choices = [...receptors.map((receptor) => ({ receptor, ...client })), ...images.map((image) => ({ image, ...client }))];
  return choices.length > 0 ? choices : [client];
}

/** Exactly one build (up, image). */
export function receptorChoice(values: ReceptorValues, usage: string): Omit<ReceptorChoice, "cacheDir"> {
  const choices = receptorChoices(values);
  if (choices.length > 1) throw new UsageError("this command runs one Receptor build: give one --receptor or one --image", `Usage: ${usage}`);
  return choices[0]!;
}
