import { sha256Hex } from '../../../../shared/pki/hash.js';
import type { ClientFamily } from '../../../../shared/model/chain.js';
import type { ClientAnchors } from '../clients/client-verdicts.js';
import type { TrustAnchors } from '../trust-sources/trust-source.js';

/** What every chain verified against one list of trust sources reads from it, computed once. */
export interface PreparedAnchors {
  /** Every source's certificates in one array; the same array for the same sources, so the engine's anchor index is reused. */
  readonly ders: readonly Uint8Array[];
  /** The source each anchor came from (the first one that holds it), by SHA-256. */
  readonly sourceOf: ReadonlyMap<string, TrustAnchors>;
  /** The anchor sets each client verifies against. */
  readonly forClient: (client: ClientFamily) => readonly ClientAnchors[];
}

// Keyed by the first source, then matched on the whole list: a scan passes the same loaded sources
// for every endpoint, and a warm process gets the same objects back from the trust-source cache.
const prepared = new WeakMap<TrustAnchors, { sources: readonly TrustAnchors[]; value: PreparedAnchors }[]>();

/** The prepared form of `sources`, from the cache when the same source objects were prepared before. */
export function prepareAnchors(sources: readonly TrustAnchors[]): PreparedAnchors {
  const first = sources[0];
  if (!first) return prepare(sources);
  let list = prepared.get(first);
  if (!list) prepared.set(first, (list = []));
  const hit = list.find((p) => p.sources.length === sources.length && p.sources.every((s, i) => s === sources[i]));
  if (hit) return hit.value;
  const value = prepare(sources);
  list.push({ sources: [...sources], value });
  return value;
}

function prepare(sources: readonly TrustAnchors[]): PreparedAnchors {
  const shas = new Map<TrustAnchors, string[]>(sources.map((s) => [s, s.certificates.map((der) => sha256Hex(der))]));
  const sourceOf = new Map<string, TrustAnchors>();
  for (const source of sources) for (const sha of shas.get(source)!) if (!sourceOf.has(sha)) sourceOf.set(sha, source);
  return { ders: sources.flatMap((s) => s.certificates), sourceOf, forClient: anchorsPerClient(sources, shas) };
}

/**
 * The anchor sets each client verifies against: sources meant for it (each JDK's cacerts for Java,
 * one set per store), else the sources meant for every client, else all of them.
 */
function anchorsPerClient(sources: readonly TrustAnchors[], shas: ReadonlyMap<TrustAnchors, string[]>): (client: ClientFamily) => readonly ClientAnchors[] {
  const bySet = new Map<string, ClientAnchors>();
  const anchorSet = (chosen: readonly TrustAnchors[]): ClientAnchors => {
    const key = chosen.map((s) => sources.indexOf(s)).join(',');
    let found = bySet.get(key);
    if (!found) {
      const set = new Set(chosen.flatMap((s) => shas.get(s)!));
      found = { labels: chosen.map((s) => s.label), has: (sha) => set.has(sha) };
      bySet.set(key, found);
    }
    return found;
  };
  const byClient = new Map<ClientFamily, readonly ClientAnchors[]>();
  return (client) => {
    let sets = byClient.get(client);
    if (!sets) {
      const own = sources.filter((s) => s.clients?.includes(client));
      const general = sources.filter((s) => !s.clients);
      sets = own.length ? own.map((s) => anchorSet([s])) : [anchorSet(general.length ? general : sources)];
      byClient.set(client, sets);
    }
    return sets;
  };
}
