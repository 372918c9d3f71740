import { z } from "zod";
import { parseDuration } from "../duration.js";
import { isReceptorSpec, receptorSpecHint } from "../receptor-spec.js";

export const duration = z.union([z.string(), z.number()]).transform((value, context) => {
  const ms = typeof value === "number" ? value * 1000 : parseDuration(value);
  if (ms === undefined || ms < 0) {
    context.addIssue({ code: "custom", message: `bad duration '${value}': write e.g. 500ms, 15s or 2m` });
    return z.NEVER;
  }
  return ms;
});

const nodeId = z.string().min(1);
const unitAlias = z.string().regex(/^[A-Za-z][\w-]*$/, "a unit alias is a name like 'job' or 'job-2'");
const state = z.enum(["Pending", "Running", "Succeeded", "Failed", "Canceled"]);
const count = z.number().int().nonnegative();

const hopAlternatives = z.union([nodeId, z.array(nodeId).min(1)]);
/** A node id, a group name, or a list of them. */
const targets = z.union([nodeId, z.array(nodeId).min(1)]);
const pair = z.tuple([nodeId, nodeId]);
const receptorSpec = z.string().refine(isReceptorSpec, `not a Receptor version, commit or source tree. ${receptorSpecHint}`);
const versionChange = z.object({ node: nodeId, to: receptorSpec }).strict();

/** What one expectation looks at (without its timing). */
const expectationFields = {
  routes: z.literal("converged").optional(),
  on: nodeId.optional(),
  route: z.record(z.string(), z.union([nodeId, z.null()])).optional(),
  traceroute: z.record(z.string(), z.array(hopAlternatives).min(1)).optional(),
  connections: z.record(z.string(), z.number().positive()).optional(),
  known: z.record(z.string(), z.record(z.string(), z.number().positive())).optional(),
  units: count.optional(),
  ping: nodeId.optional(),
  "slower-than": duration.optional(),
  "faster-than": duration.optional(),
  /** With ping: the ping must fail with an error containing this text. */
  fails: z.string().min(1).optional(),
  /** The node's log has a line containing this text, or matching this /regex/. */
  log: z.string().min(1).optional(),
  /** With log: exactly, at least or at most this many such lines (default: at least one). */
  count: count.optional(),
  "at-least": count.optional(),
  "at-most": count.optional(),
  /** With log: only lines logged after the step `mark: NAME`. */
  since: z.string().min(1).optional(),
  /** The node is not running: Receptor exited (e.g. refused its config at startup). */
  exited: z.literal(true).optional(),
  /** Service types the node sees advertised: node → Stream | StreamTLS | Datagram. */
  services: z.record(z.string(), z.enum(["Stream", "StreamTLS", "Datagram", "none"])).optional(),
  /** Work types the node sees advertised as secure (signed work only): node → types. */
  "secure-work": z.record(z.string(), z.array(z.string())).optional(),
  /** With unit: its status Detail contains this text. */
  detail: z.string().min(1).optional(),
  unit: unitAlias.optional(),
  side: z.enum(["controller", "executor"]).optional(),
  state: state.optional(),
  "stdout-lines": count.optional(),
  "stdout-size": count.optional(),
  partial: z.boolean().optional(),
  converged: z.boolean().optional(),
  files: z.array(z.string()).optional(),
  gone: z.boolean().optional(),
  /** The PID the executor's unit recorded for its command runner: still that runner, or not. */
  runner: z.enum(["alive", "stale"]).optional(),
};

const lookFields = {
  ...expectationFields,
  /** Holds when any one of these holds (outcomes that depend on luck, e.g. PID reuse). */
  any: z.array(z.object(expectationFields).strict()).min(2).optional(),
};

export const expectSchema = z
  .object({
    within: duration.optional(),
    /** After it holds, it must go on holding on every poll for this long. */
    hold: duration.optional(),
    ...lookFields,
  })
  .strict();

/** A bug scenario's verdict: which of two observables the mesh shows. */
export const signatureSchema = z
  .object({
    /** What the mesh shows when the bug is there. */
    buggy: z.object(lookFields).strict(),
    /** What it shows when the bug is fixed. */
    fixed: z.object(lookFields).strict(),
    /** How long to look for either. */
    within: duration,
    /** The buggy observable must go on holding this long (fixed settles it at once). */
    hold: duration.default(0),
    /** Which reported bug the buggy observable is: needed in a chaos run's scenario; a bug scenario's is its own. */
    issue: z.number().int().positive().optional(),
  })
  .strict();

export const payloadSchema = z.union([
  z.literal("none"),
  z.object({ literal: z.string() }).strict(),
  z.object({ file: z.string() }).strict(),
], { error: `write none, { literal: "text" } or { file: path/to/file }` });

export const submitSchema = z
  .object({
    as: unitAlias,
    on: nodeId,
    node: nodeId,
    worktype: z.string().min(1),
    payload: payloadSchema.default("none"),
    params: z.string().optional(),
    /** Sign the work with the submitting node's work-signing key (--signwork). */
    signwork: z.boolean().optional(),
    /** Reach the executor's control service over TLS (--tls-client). */
    "tls-client": z.boolean().optional(),
    /** Fail the unit if it has not started remotely this long after submit (--ttl). */
    ttl: z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, "a ttl is a duration like 5s or 1m").optional(),
    /** `node` is deliberately not in the topology (Receptor's own tests submit to such nodes). */
    outside: z.boolean().optional(),
    /** The submit must be refused with a message containing this text. */
    fails: z.string().optional(),
  })
  .strict();

export const waitSchema = z
  .object({ unit: unitAlias, "stdout-lines": count.optional(), state: state.optional(), within: duration })
  .strict();

export const resultsSchema = z
  .object({ unit: unitAlias, lines: count.optional(), size: count.optional(), equals: z.string().optional(), contains: z.string().optional(), within: duration.default(120_000) })
  .strict();

export const unitActionSchema = z.union([
  unitAlias,
  z
    .object({
      unit: unitAlias,
      reply: z.enum(["released", "release pending", "cancelled", "cancel pending"]).optional(),
      /** Ask again while the node answers ERROR, for up to this long. */
      within: duration.optional(),
    })
    .strict(),
]);

/** Each step is a one-key map; the key is its kind. */
export const stepSchemas = {
  say: z.string().min(1),
  expect: expectSchema,
  submit: submitSchema,
  wait: waitSchema,
  results: resultsSchema,
  cancel: unitActionSchema,
  release: unitActionSchema,
  "force-release": unitActionSchema,
  stop: targets,
  start: targets,
  restart: z.union([targets, z.object({ node: targets, after: duration }).strict()]),
  kill: targets,
  pause: targets,
  unpause: targets,
  partition: z.union([
    z.object({ isolate: nodeId, mode: z.enum(["drop", "reset"]).default("drop") }).strict(),
    z.object({ cut: pair, mode: z.enum(["drop", "reset"]).default("drop") }).strict(),
    z.object({ split: z.array(targets).min(2), mode: z.enum(["drop", "reset"]).default("drop") }).strict(),
  ]),
  /** Patch a node's config file live, then `reload` it, and check what Receptor answers. */
  reconfigure: z
    .object({
      node: nodeId,
      /** New peers to dial (the listener's port, cost, backend and TLS follow the topology). */
      dial: z.array(nodeId).min(1).optional(),
      /** Peers to drop from its config (a dial of the topology, or one an earlier reconfigure added). */
      undial: z.array(nodeId).min(1).optional(),
      /** Raw config actions (YAML list items) to append, e.g. one Receptor may not reload. */
      add: z.string().min(1).optional(),
      /** What the reload must answer (default "Reload successful"); a refusal is matched by its text. */
      reply: z.string().min(1).default("Reload successful"),
    })
    .strict()
    .refine((value) => value.dial !== undefined || value.undial !== undefined || value.add !== undefined, {
      message: "say what changes: 'dial: [node, …]', 'undial: [node, …]' and/or 'add: <config actions>'",
    }),
  loss: z.object({ between: pair, percent: z.number().gt(0).max(100) }).strict(),
  delay: z.object({ between: pair, ms: z.number().int().positive().max(10_000) }).strict(),
  heal: z.literal("all"),
  sleep: duration,
  /** Names this moment, for a later log expectation's `since`. */
  mark: z.string().regex(/^[A-Za-z][\w-]*$/, "a mark is a name like 'upgraded' or 'after-restart'"),
  /** The node runs `to` from now on: stopped, image replaced (data directory and config kept), started. */
  upgrade: versionChange,
  downgrade: versionChange,
  /** Each node in turn, `pause` between one node's start and the next one's stop. */
  "rolling-upgrade": z.object({ nodes: targets, to: receptorSpec, pause: duration.default(10_000) }).strict(),
  /** In a bug scenario (one with `bug:`): tells the bug's presence from its fix. */
  signature: signatureSchema,
} as const;

export type StepKeyword = keyof typeof stepSchemas;

export const scenarioHeaderSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a scenario name is lowercase letters, digits and '-'"),
    title: z.string().min(1),
    description: z.string().default(""),
    reproduces: z.string().default(""),
    /** This scenario reproduces a reported Receptor bug; its `signature` step says whether a build has it. */
    bug: z
      .object({
        /** Its number in Receptor's tracker (ansible/receptor). */
        issue: z.number().int().positive(),
        /** What the tracker says: open, or fixed and where. */
        status: z.string().min(1),
        /** What tells a build with the bug from one without it. */
        observable: z.string().min(1),
      })
      .strict()
      .optional(),
    /** Written by `receptor-lab chaos`: the seed and command it came from; its signature steps name known bugs. */
    chaos: z.object({ seed: z.number().int(), command: z.string().min(1) }).strict().optional(),
    topology: z.string().min(1),
    /** Named sets of nodes, usable wherever a step takes targets. */
    groups: z.record(z.string(), z.array(nodeId).min(1)).default({}),
    steps: z.array(z.unknown()).min(1, "a scenario needs at least one step"),
  })
  .strict();
