import { ANY_POLICY, type CertPolicies } from './policy-extensions.js';

/** The policy inputs of RFC 5280 §6.1.1 (c), (e), (f), (g). */
export interface PolicyInputs {
  /** user-initial-policy-set; default [anyPolicy]. */
  readonly initialPolicies?: readonly string[];
  readonly requireExplicit?: boolean;
  readonly inhibitMapping?: boolean;
  readonly inhibitAnyPolicy?: boolean;
}

/** One certificate below the trust anchor, as policy processing sees it. */
export interface PolicyCert {
  readonly policy: CertPolicies;
  readonly selfIssued: boolean;
}

export type PolicyOutcome =
  | { readonly ok: true; readonly policies: readonly string[] }
  /** `position` is 1 for the certificate issued by the anchor, n for the leaf (§6.1 numbering). */
  | { readonly ok: false; readonly position: number; readonly detail: string };

interface Node {
  readonly valid: string;
  expected: Set<string>;
  readonly parent: Node | undefined;
  readonly children: Node[];
}

/**
 * RFC 5280 §6.1.2–§6.1.5 certificate policy processing: the valid_policy_tree with policy
 * mappings, requireExplicitPolicy, inhibitPolicyMapping and inhibitAnyPolicy. `certs` runs from the
 * certificate the anchor issued (position 1) to the leaf (position n). Qualifiers are not kept.
 */
export function processPolicies(certs: readonly PolicyCert[], inputs: PolicyInputs = {}): PolicyOutcome {
  const n = certs.length;
  const root: Node = { valid: ANY_POLICY, expected: new Set([ANY_POLICY]), parent: undefined, children: [] };
  let levels: Node[][] | undefined = [[root]];
  let explicit = inputs.requireExplicit ? 0 : n + 1;
  let anyPolicy = inputs.inhibitAnyPolicy ? 0 : n + 1;
  let mapping = inputs.inhibitMapping ? 0 : n + 1;

  for (let i = 1; i <= n; i++) {
    const cert = certs[i - 1]!;
    const p = cert.policy;
    if (levels && p.policies) levels = addLevel(levels, i, p.policies, anyPolicy > 0 || (i < n && cert.selfIssued));
    else levels = undefined; // §6.1.3 (e)
    if (explicit <= 0 && !levels) return { ok: false, position: i, detail: 'no acceptable certificate policy remains and an explicit policy is required (RFC 5280 §6.1.3 f)' };
    if (i === n) {
      if (explicit > 0) explicit--; // §6.1.5 (a)
      if (p.requireExplicitPolicy === 0) explicit = 0;
      break;
    }
    if (p.mappings) {
      if (p.mappings.some(([a, b]) => a === ANY_POLICY || b === ANY_POLICY)) return { ok: false, position: i, detail: 'a policy mapping involves anyPolicy (RFC 5280 §6.1.4 a)' };
      if (levels) levels = applyMappings(levels, i, p.mappings, mapping > 0);
    }
    if (!cert.selfIssued) {
      if (explicit > 0) explicit--;
      if (mapping > 0) mapping--;
      if (anyPolicy > 0) anyPolicy--;
    }
    if (p.requireExplicitPolicy !== undefined) explicit = Math.min(explicit, p.requireExplicitPolicy);
    if (p.inhibitPolicyMapping !== undefined) mapping = Math.min(mapping, p.inhibitPolicyMapping);
    if (p.inhibitAnyPolicy !== undefined) anyPolicy = Math.min(anyPolicy, p.inhibitAnyPolicy);
  }
  const authorities = levels ? intersect(levels, n, inputs.initialPolicies ?? [ANY_POLICY]) : [];
  if (explicit <= 0 && authorities.length === 0) {
    return { ok: false, position: n, detail: 'no certificate policy acceptable to the user is valid for this path (RFC 5280 §6.1.5 g)' };
  }
  return { ok: true, policies: authorities };
}

/** §6.1.3 (d): the nodes of depth i for one certificate's policies, then pruning. */
function addLevel(levels: Node[][], i: number, policies: readonly string[], anyAllowed: boolean): Node[][] | undefined {
  const prev = levels[i - 1]!;
  const next: Node[] = [];
  const child = (parent: Node, valid: string) => {
    const node: Node = { valid, expected: new Set([valid]), parent, children: [] };
    parent.children.push(node);
    next.push(node);
  };
  for (const policy of policies) {
    if (policy === ANY_POLICY) continue;
    const matches = prev.filter((node) => node.expected.has(policy));
    if (matches.length > 0) matches.forEach((node) => child(node, policy));
    else prev.filter((node) => node.valid === ANY_POLICY).forEach((node) => child(node, policy));
  }
  if (policies.includes(ANY_POLICY) && anyAllowed) {
    for (const node of prev) {
      for (const value of node.expected) if (!node.children.some((c) => c.valid === value)) child(node, value);
    }
  }
  return prune([...levels, next], i);
}

/** §6.1.4 (b): rewrite expected sets by the mappings, or delete mapped nodes when mapping is inhibited. */
function applyMappings(levels: Node[][], i: number, mappings: readonly (readonly [string, string])[], allowed: boolean): Node[][] | undefined {
  const level = levels[i]!;
  for (const issuerPolicy of new Set(mappings.map(([a]) => a))) {
    const targets = new Set(mappings.filter(([a]) => a === issuerPolicy).map(([, b]) => b));
    const nodes = level.filter((node) => node.valid === issuerPolicy);
    if (!allowed) {
      for (const node of nodes) remove(levels, i, node);
      continue;
    }
    if (nodes.length > 0) nodes.forEach((node) => (node.expected = targets));
    else {
      const any = level.find((node) => node.valid === ANY_POLICY);
      if (any?.parent) {
        const node: Node = { valid: issuerPolicy, expected: targets, parent: any.parent, children: [] };
        any.parent.children.push(node);
        level.push(node);
      }
    }
  }
  return prune(levels, i);
}

/** §6.1.5 (g): the authorities-constrained policy set against the user-initial-policy-set. */
function intersect(levels: Node[][], n: number, initial: readonly string[]): string[] {
  const leaves = () => levels[n] ?? [];
  if (initial.includes(ANY_POLICY)) return [...new Set(leaves().map((node) => node.valid))];
  const valid = new Set(initial);
  // valid_policy_node_set: nodes whose parent is anyPolicy (the tree root included through it).
  const boundary = levels.flat().filter((node) => node.parent?.valid === ANY_POLICY);
  for (const node of boundary) if (node.valid !== ANY_POLICY && !valid.has(node.valid)) remove(levels, depthOf(node), node);
  const anyLeaf = leaves().find((node) => node.valid === ANY_POLICY);
  if (anyLeaf?.parent) {
    const present = new Set(boundary.map((node) => node.valid));
    for (const policy of valid) {
      if (present.has(policy)) continue;
      const node: Node = { valid: policy, expected: new Set([policy]), parent: anyLeaf.parent, children: [] };
      anyLeaf.parent.children.push(node);
      levels[n]!.push(node);
    }
    remove(levels, n, anyLeaf);
  }
  const pruned = prune(levels, n);
  return pruned ? [...new Set((pruned[n] ?? []).map((node) => node.valid))] : [];
}

function depthOf(node: Node): number {
  let d = 0;
  for (let p = node.parent; p; p = p.parent) d++;
  return d;
}

/** Deletes a node and its subtree from the levels. */
function remove(levels: Node[][], depth: number, node: Node): void {
  const doomed = new Set<Node>();
  const collect = (x: Node) => {
    doomed.add(x);
    x.children.forEach(collect);
  };
  collect(node);
  if (node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
  for (let d = depth; d < levels.length; d++) levels[d] = levels[d]!.filter((x) => !doomed.has(x));
}

/** Removes childless nodes above depth `i`; the tree is NULL (undefined) once the root goes. */
function prune(levels: Node[][], i: number): Node[][] | undefined {
  for (let d = i - 1; d >= 0; d--) {
    for (const node of [...levels[d]!]) if (node.children.length === 0) remove(levels, d, node);
  }
  return levels[0]!.length === 0 ? undefined : levels;
}
