import type { StepHandlers } from "./step-context.js";

/** Steps that only tell or pass time. */
export const narrationSteps: Pick<StepHandlers, "say" | "sleep" | "mark"> = {
  async say(step, { timeline }) {
    timeline.record("say", null, { text: step.text });
    return {};
  },
  async mark(step, { timeline, marks }) {
    marks.set(step.name, new Date());
    timeline.record("mark", null, { name: step.name });
    return {};
  },
  async sleep(step, { clock }) {
    await clock.sleep(step.ms);
    return {};
  },
};
