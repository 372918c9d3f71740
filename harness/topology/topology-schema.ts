import { z } from "zod";

const nodeIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const dnsLabelPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const cost = z.number().positive("a cost must be greater than 0");
const port = z.number().int().min(1).max(65535);
const nodeId = z.string().regex(nodeIdPattern, "a node id holds letters, digits, '.', '_' or '-'");

export const workTypeSchema = z
  .object({
    command: z.string().min(1),
    params: z.string().optional(),
    allowRuntimeParams: z.boolean().default(false),
  })
  .strict();

export const listenerSchema = z
  .object({
    port,
    cost: cost.default(1),
    nodeCost: z.record(z.string(), cost).default({}),
  })
  .strict();

export const dialSchema = z
  .object({
    to: nodeId,
    port: port.optional(),
    cost: cost.optional(),
  })
  .strict();

export const nodeSchema = z
  .object({
    id: nodeId,
    container: z.string().regex(dnsLabelPattern, "a container name is a lowercase DNS label (e.g. node01)"),
    hostname: z.string().optional(),
    controlService: z.boolean().default(false),
    listen: z.array(listenerSchema).default([]),
    dial: z.array(dialSchema).default([]),
    work: z.array(z.string()).default([]),
  })
  .strict();

export const topologySchema = z
  .object({
    name: z.string().regex(dnsLabelPattern, "a topology name is lowercase letters, digits and '-'"),
    description: z.string().default(""),
    domain: z.string().default("example.internal"),
    workTypes: z.record(z.string(), workTypeSchema).default({}),
    nodes: z.array(nodeSchema).min(1, "a topology needs at least one node"),
  })
  .strict();

export type TopologyFile = z.infer<typeof topologySchema>;
