import type { z } from "zod";
import type { InputProblem } from "../errors.js";
import type { YamlDocument, YamlPath } from "./yaml-document.js";

/** Turns schema violations into problems that point at the offending YAML. */
export function zodProblems(document: YamlDocument, error: z.ZodError, basePath: YamlPath = []): InputProblem[] {
  return error.issues.flatMap(closestBranch).map((issue) => {
    const relative = issue.path.filter((part): part is string | number => typeof part !== "symbol");
    const path = [...basePath, ...relative];
    const where = describePath(relative);
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      return {
        location: document.locateKey([...path, key]),
        message: `unknown key '${issue.keys.join("', '")}'${where ? ` in ${where}` : ""}`,
      };
    }
    if (issue.code === "invalid_key") {
      // a record's key: say what is wrong with it, at the key itself
      return { location: document.locateKey(path), message: `${where}: ${issue.issues[0]?.message ?? issue.message}` };
    }
    const missing = issue.code === "invalid_type" && issue.message.includes("received undefined");
    return {
      location: document.locate(path),
      message: missing ? `${where || "value"} is required` : `${where || "file"}: ${issue.message}`,
    };
  });
}

/**
 * A value that fits none of a union's shapes: when exactly one shape is of the value's type
 * (a map, say, where a name would also do), its problems say more than "Invalid input".
 */
function closestBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  const inside = issue.errors.filter((branch) => branch.length > 0 && !ofAnotherType(branch));
  const telling = (inner: z.core.$ZodIssue) => inner.path.length > 0 || inner.code === "unrecognized_keys";
  if (inside.length !== 1 || !inside[0]!.every(telling)) return [issue];
  return inside[0]!.flatMap((inner) => closestBranch({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
}

function ofAnotherType(branch: z.core.$ZodIssue[]): boolean {
  return branch.some(
    (inner) => inner.path.length === 0 && (inner.code === "invalid_type" || (inner.code === "invalid_union" && inner.errors.every(ofAnotherType))),
  );
}

/** `nodes[2].dial[0].cost` style description of a path. */
export function describePath(path: YamlPath): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("");
}
