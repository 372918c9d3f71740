import { readFile } from "node:fs/promises";
import { ControlReplyError } from "../../mesh/control-errors.js";
import type { SubmitRequest } from "../../mesh/control-types.js";
import { askAgain, StillRefused } from "../ask-again.js";
import type { StepDetail } from "../run-result.js";
import { StepFailure } from "../step-failure.js";
import type { StepContext, StepHandlers } from "./step-context.js";

/** How long a unit action with `within` waits before asking again after an ERROR reply. */
const unitActionRetryMs = 1_000;

/** Work units: submit, results, and cancel / release / force-release. */
export const unitSteps: Pick<StepHandlers, "submit" | "results" | "unit-action"> = {
  async submit(step, context) {
    const { session, observer, timeline } = context;
    const payload = step.payload.kind === "literal" ? `${step.payload.text}\n` : step.payload.kind === "file" ? await readFile(step.payload.path) : undefined;
    const extra: Record<string, string> = {};
    if (step.signWork) extra.signwork = "true";
    if (step.tlsClient) extra.tlsclient = "tls-client";
    if (step.ttl) extra.ttl = step.ttl;
    const request = { node: step.node, workType: step.workType, payload, params: step.params, ...(Object.keys(extra).length ? { extra } : {}) };
    if (step.fails !== undefined) return refusedSubmit(context, step.on, request, step.fails);
    const submitted = await session.client(step.on).submit(request);
    observer.units.set(step.alias, { alias: step.alias, on: step.on, unitId: submitted.unitId, executor: step.node });
    context.submittedAt.set(step.alias, timeline.now());
    timeline.record("unit-state", step.on, { unit: step.alias, role: "controller", unitId: submitted.unitId, from: null, to: "Submitted", detail: submitted.result });
    return { message: `unit ${submitted.unitId}: ${submitted.result}`, unitId: submitted.unitId, result: submitted.result };
  },

  async results(step, { session, observer, judge }) {
    const unit = observer.units.get(step.unit)!;
    const stdout = await session.client(unit.on).results(unit.unitId, { timeoutMs: step.withinMs });
    const judgement = judge.checkResults(step, stdout);
    if (!judgement.ok) throw new StepFailure("failed", { expected: judgement.expected, observed: judgement.observed });
    return { expected: judgement.expected, observed: judgement.observed };
  },

  async "unit-action"(step, { session, observer, timeline, clock }) {
    const unit = observer.units.get(step.unit)!;
    const { answer: reply, refusals } = await askAgain(clock, () => session.client(unit.on).unitAction(step.action, unit.unitId), {
      withinMs: step.withinMs ?? 0,
      intervalMs: unitActionRetryMs,
      refusal: (error) => (error instanceof ControlReplyError ? error.reply : undefined),
      onRefused: (refusal) => timeline.record("action-refused", unit.on, { unit: step.unit, action: step.action, reply: refusal }),
    }).catch((error: unknown) => {
      throw error instanceof StillRefused ? new StepFailure("failed", { message: error.message, refusals: error.refusals }) : error;
    });
    const said = Object.keys(reply)[0] ?? "";
    if (step.reply && said !== step.reply) throw new StepFailure("failed", { expected: `reply '${step.reply}'`, observed: JSON.stringify(reply) });
    if (refusals.length === 0) return { message: `${said} ${unit.unitId}`, reply };
    return { message: `${said} ${unit.unitId} after ${refusals.length} refusal(s): ${[...new Set(refusals)].join("; ")}`, reply, refusals };
  },
};

async function refusedSubmit({ session }: StepContext, on: string, request: SubmitRequest, fails: string): Promise<StepDetail> {
  try {
    const submitted = await session.client(on).submit(request);
    throw new StepFailure("failed", { expected: `the submit is refused with '${fails}'`, observed: `accepted as unit ${submitted.unitId} (${submitted.result})` });
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    const message = (error as Error).message;
    if (!message.includes(fails)) throw new StepFailure("failed", { expected: `the submit is refused with '${fails}'`, observed: message });
    return { message: `refused: ${message}` };
  }
}
