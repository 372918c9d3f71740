import { escapeXml } from "./escape.js";

export { escapeXml as escape };

/** One colour per verdict, shared by the badge, the steps lane and the steps table. */
export const colours = { passed: "#1a7f37", failed: "#cf222e", inconclusive: "#9a6700", skipped: "#8c959f" } as const;

/** ms after the start, as seconds with `digits` decimals. */
export function seconds(ms: number, digits = 1): string {
  return (ms / 1000).toFixed(digits);
}

/** At most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}
