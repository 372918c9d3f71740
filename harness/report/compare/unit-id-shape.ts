/**
 * A unit id's shape: the submitting node's id as `<node>`, then each run of letters and digits
 * by its length ("<node> + 8 letters/digits"), other characters as they are.
 */
export function unitIdShape(unitId: string, submitter: string | null): string {
  const prefixed = submitter !== null && unitId.startsWith(submitter) && unitId.length > submitter.length;
  const rest = prefixed ? unitId.slice(submitter.length) : unitId;
  const parts = (rest.match(/[A-Za-z0-9]+|[^A-Za-z0-9]+/g) ?? []).map((part) => (/^[A-Za-z0-9]/.test(part) ? `${part.length} letters/digits` : `'${part}'`));
  return [...(prefixed ? ["<node>"] : []), ...parts].join(" + ");
}
