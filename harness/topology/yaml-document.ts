import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { InputError, type InputProblem, type SourceLocation } from "../errors.js";

export type YamlPath = ReadonlyArray<string | number>;

/**
 * A parsed YAML file that can say where any value came from, so every validation error
 * names the file, line and column of the offending value.
 */
export class YamlDocument {
  private constructor(
    readonly file: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; a syntax error (or a duplicate map key) is an InputError at its position. */
  static parse(file: string, text: string): YamlDocument {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new InputError(
        document.errors.map((error) => {
          const offset = error.pos[0];
          const { line, col } = lines.linePos(offset);
          return {
            location: { file, line, column: col },
            message: `invalid YAML: ${firstLine(error.message)}`,
          };
        }),
        "Fix the YAML syntax at that position (indentation, quoting, a missing ':' or '-').",
      );
    }
    return new YamlDocument(file, document, lines);
  }

  toJS(): unknown {
    return this.document.toJS();
  }

  /** The location of the value at `path`, or of its nearest existing parent. */
  locate(path: YamlPath): SourceLocation {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return { file: this.file, line: 1, column: 1 };
  }

  /** The location of the key `path` ends with, e.g. the `cost:` of a dial. */
  locateKey(path: YamlPath): SourceLocation {
    const parent = this.document.getIn(path.slice(0, -1), true) as { items?: Array<{ key: unknown }> } | undefined;
    const last = path[path.length - 1];
    const pair = parent?.items?.find((item) => isNode(item.key) && String((item.key as { value?: unknown }).value) === String(last));
    if (pair && isNode(pair.key) && pair.key.range) return this.at(pair.key.range[0]);
    return this.locate(path);
  }

  problem(path: YamlPath, message: string): InputProblem {
    return { location: this.locate(path), message };
  }

  private at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
