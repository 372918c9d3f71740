import chalk from "chalk";
import { readFileSync } from "node:fs";
import { createInterface, emitKeypressEvents } from "node:readline";
import { stepKeyword, stepTarget } from "../scenario/run-result.js";
import type { Scenario, Step } from "../scenario/scenario-model.js";

export type StepAnswer = "run" | "continue" | "quit";

/**
 * One answer per call: on a terminal a single key (Enter runs, c continues, q or Ctrl-C quits),
 * otherwise a line ("" runs, "c", "q"); the end of the input continues to the end.
 */
export function keyAnswers(input: NodeJS.ReadStream): () => Promise<StepAnswer> {
  if (input.isTTY) {
    emitKeypressEvents(input);
    return () =>
      new Promise((resolve) => {
        input.setRawMode(true);
        input.resume();
        const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
          const answer = key?.ctrl && key.name === "c" ? "quit" : key?.name === "return" || key?.name === "enter" ? "run" : text === "c" ? "continue" : text === "q" ? "quit" : undefined;
          if (!answer) return;
          input.off("keypress", onKey);
          input.setRawMode(false);
          input.pause();
          resolve(answer);
        };
        input.on("keypress", onKey);
      });
  }
  const lines = createInterface({ input })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) return "continue";
    const text = String(next.value).trim().toLowerCase();
    return text === "q" ? "quit" : text === "c" ? "continue" : "run";
  };
}

/**
 * `scenario --step`: before each step (narration runs as it comes) shows what it will do — its
 * line in the scenario file — and waits for an answer; `continue` stops asking.
 */
export function stepMode(scenario: Scenario, ask: () => Promise<StepAnswer>, print: (line: string) => void): (step: Step) => Promise<"run" | "stop"> {
  const source = sourceLines(scenario.source);
  let asking = true;
  return async (step) => {
    if (!asking || step.kind === "say") return "run";
    const written = source[step.line - 1]?.trim().replace(/^-\s*/, "");
    print(chalk.cyan(`⏸ step ${step.index + 1} of ${scenario.steps.length}: ${stepKeyword(step)} ${stepTarget(step)}`) + (written ? chalk.gray(`   (line ${step.line}: ${written})`) : ""));
    print(chalk.gray("  Enter runs it · c continues to the end · q tears the lab down"));
    const answer = await ask();
    if (answer === "continue") asking = false;
    return answer === "quit" ? "stop" : "run";
  };
}

function sourceLines(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n");
  } catch {
    return [];
  }
}
