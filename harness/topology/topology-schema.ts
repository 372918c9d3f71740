import { z } from "zod";
import { isReceptorSpec, receptorSpecHint } from "../receptor-spec.js";

const nodeIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const dnsLabelPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const cost = z.number().positive("a cost must be greater than 0");
const port = z.number().int().min(1).max(65535);
const nodeId = z.string().regex(nodeIdPattern, "a node id holds letters, digits, '.', '_' or '-'");

const goDuration = z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, "a duration like 60s or 2m");
/** A firewall rule value: literal, or a regular expression between slashes. */
const ruleValue = z.string().min(1);

export const workTypeSchema = z
  .object({
    command: z.string().min(1),
    params: z.string().optional(),
    allowRuntimeParams: z.boolean().default(false),
    verifySignature: z.boolean().default(false),
  })
  .strict();

/** Node environment (Go runtime knobs like GOGC): values may be written as numbers. */
const environment = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name is letters, digits and '_', not starting with a digit"),
  z.union([z.string(), z.number()]).transform(String),
);

const backend = z.enum(["tcp", "udp", "ws"], { message: "a backend is tcp, udp or ws" });

export const firewallRuleSchema = z
  .object({
    action: z.enum(["accept", "reject", "drop"], { message: "a firewall action is accept, reject or drop" }),
    fromNode: ruleValue.optional(),
    toNode: ruleValue.optional(),
    fromService: ruleValue.optional(),
    toService: ruleValue.optional(),
  })
  .strict();

export const certificateSchema = z
  .object({
    ca: z.enum(["lab", "other"], { message: "ca is 'lab' or 'other' (a CA nobody in the lab trusts)" }).default("lab"),
    nodeId: nodeId.optional(),
    expiresAfter: goDuration.optional(),
  })
  .strict();

export const listenerSchema = z
  .object({
    port,
    cost: cost.default(1),
    nodeCost: z.record(z.string(), cost).default({}),
    backend: backend.default("tcp"),
    tls: z.boolean().default(false),
    allowedPeers: z.array(nodeId).optional(),
  })
  .strict();

export const dialSchema = z
  .object({
    to: nodeId,
    port: port.optional(),
    cost: cost.optional(),
    tls: z.boolean().optional(),
  })
  .strict();

export const nodeSchema = z
  .object({
    id: nodeId,
    container: z.string().regex(dnsLabelPattern, "a container name is a lowercase DNS label (e.g. node01)"),
    hostname: z.string().optional(),
    controlService: z.union([z.boolean(), z.object({ tls: z.boolean().default(false) }).strict()]).default(false),
    listen: z.array(listenerSchema).default([]),
    dial: z.array(dialSchema).default([]),
    work: z.array(z.string()).default([]),
    firewallRules: z.array(firewallRuleSchema).default([]),
    maxIdleConnectionTimeout: goDuration.optional(),
    workSigning: z.union([z.literal(true), z.enum(["lab", "other"])]).optional(),
    workVerification: z.boolean().default(false),
    certificate: certificateSchema.optional(),
    env: environment.default({}),
    receptor: z.string().refine(isReceptorSpec, `not a Receptor version, commit or source tree. ${receptorSpecHint}`).optional(),
    image: z.string().min(1, "an image reference like receptor:1.4.11").optional(),
    engine: z.string().regex(dnsLabelPattern, "an engine name is a lowercase DNS label (host, engine-1, …)").optional(),
    group: z.string().regex(nodeIdPattern, "a group name holds letters, digits, '.', '_' or '-'").optional(),
  })
  .strict()
  .refine((node) => !(node.receptor && node.image), { message: "a node runs either `receptor` or `image`, not both", path: ["image"] });

export const topologySchema = z
  .object({
    name: z.string().regex(dnsLabelPattern, "a topology name is lowercase letters, digits and '-'"),
    description: z.string().default(""),
    domain: z.string().default("example.internal"),
    workTypes: z.record(z.string(), workTypeSchema).default({}),
    env: environment.default({}),
    logLevel: z.enum(["error", "warning", "info", "debug"], { message: "a log level is error, warning, info or debug" }).optional(),
    nodes: z.array(nodeSchema).min(1, "a topology needs at least one node"),
  })
  .strict();

export type TopologyFile = z.infer<typeof topologySchema>;
