import type { z } from "zod";
import type { InputProblem } from "../errors.js";
import type { YamlDocument, YamlPath } from "./yaml-document.js";

/** Turns schema violations into problems that point at the offending YAML. */
export function zodProblems(document: YamlDocument, error: z.ZodError, basePath: YamlPath = []): InputProblem[] {
  return error.issues.map((issue) => {
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
    const missing = issue.code === "invalid_type" && issue.message.includes("received undefined");
    return {
      location: document.locate(path),
      message: missing ? `${where || "value"} is required` : `${where || "file"}: ${issue.message}`,
    };
  });
}

/** `nodes[2].dial[0].cost` style description of a path. */
export function describePath(path: YamlPath): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("");
}
