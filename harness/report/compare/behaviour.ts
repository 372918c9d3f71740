import type { RunDocument } from "../run-document.js";
import type { BehaviourDifference } from "./comparison.js";
import { knownIds } from "./log-kinds.js";
import { messageKind } from "./log-normalise.js";
import { routesAfterFaults } from "./route-sequences.js";
import { unitIdShape } from "./unit-id-shape.js";
import { stepLabel } from "./verdicts.js";

type Facts = Map<string, { subject: string; value: string }>;

/** One aspect of a run's behaviour; `absent` is what a run without the fact shows (none: compare only where both have it). */
interface Facet {
  kind: string;
  absent?: string;
  facts(document: RunDocument): Facts;
}

interface UnitStateData {
  unit: string;
  role: string;
  unitId?: string;
  to: string;
}

const unitStates = (document: RunDocument) =>
  document.events.filter((event) => event.kind === "unit-state").map((event) => ({ node: event.node, ...(event.data as unknown as UnitStateData) }));

const facets: Facet[] = [
  {
    kind: "final unit state",
    absent: "no state seen",
    facts: (document) => new Map(unitStates(document).map((state) => [`${state.unit} ${state.role}`, { subject: `${state.unit} (${state.role})`, value: state.to }])),
  },
  {
    kind: "unit id format",
    facts(document) {
      const states = unitStates(document);
      const submitters = new Map(states.filter((state) => state.role === "controller").map((state) => [state.unit, state.node]));
      const shapes = new Set(states.filter((state) => state.unitId).map((state) => unitIdShape(state.unitId!, submitters.get(state.unit) ?? null)));
      return new Map(shapes.size ? [["unit ids", { subject: "unit ids", value: [...shapes].sort().join(" | ") }]] : []);
    },
  },
  {
    kind: "routes after a fault",
    absent: "unchanged",
    facts(document) {
      const facts: Facts = new Map();
      routesAfterFaults(document.events).forEach(({ fault, byRoute }, index) => {
        for (const [route, hops] of byRoute) facts.set(`${index} ${route}`, { subject: `${route} after ${fault}`, value: hops.join(" → ") });
      });
      return facts;
    },
  },
  {
    kind: "step observation",
    facts(document) {
      const known = knownIds(document);
      const observed = document.steps.filter((step) => typeof step.detail.observed === "string");
      return new Map(
        observed.map((step) => [`${step.index} ${stepLabel(step)}`, { subject: `step ${step.index + 1} ${stepLabel(step)}`, value: messageKind(step.detail.observed!, known) }]),
      );
    },
  },
];

/**
 * What each side's first run did differently, kept only where neither first run's fact is
 * shared by any run of the other side: a difference repeats show within one build is noise.
 */
export function behaviourDifferences(a: RunDocument[], b: RunDocument[]): BehaviourDifference[] {
  return facets.flatMap((facet) => {
    const [factsA, factsB] = [a.map(facet.facts), b.map(facet.facts)];
    const keys = new Set([...factsA[0]!.keys(), ...factsB[0]!.keys()]);
    const differences: BehaviourDifference[] = [];
    for (const key of keys) {
      const valuesA = factsA.map((facts) => facts.get(key)?.value ?? facet.absent);
      const valuesB = factsB.map((facts) => facts.get(key)?.value ?? facet.absent);
      const [firstA, firstB] = [valuesA[0], valuesB[0]];
      if (firstA === undefined || firstB === undefined || valuesB.includes(firstA) || valuesA.includes(firstB)) continue;
      const subject = (factsA[0]!.get(key) ?? factsB[0]!.get(key))!.subject;
      differences.push({ kind: facet.kind, subject, a: firstA, b: firstB });
    }
    return differences;
  });
}
