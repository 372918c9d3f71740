/** Where long-running steps report what they are doing. The CLI renders it; tests may record it. */
export interface Progress {
  /** A new step starts ("Building receptor 1.6.5 …"). */
  step(message: string): void;
  /** A line of detail inside the current step (build output, a poll result). */
  detail(line: string): void;
  /** Something the user should notice but that does not stop the run. */
  warn(message: string): void;
}

export const silentProgress: Progress = { step() {}, detail() {}, warn() {} };
