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

/** The CSS every report page shares: type, headings, verdict badges, tables. */
export const pageStyle = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1120px;color:#1f2328;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600;text-transform:uppercase;font-size:12px;vertical-align:middle}
.meta{color:#57606a}.meta span{margin-right:16px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}td.n{white-space:nowrap}
th{background:#f6f8fa}td.v{font-weight:600}td.x{color:#57606a;max-width:360px}code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:320px;margin:4px 0}
.diff{background:#fff8f8;border:1px solid #ffcecb;padding:8px 12px;border-radius:6px}
.legend span{margin-right:14px;font-size:12px;color:#57606a}.sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}`;
