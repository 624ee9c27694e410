/**
 * The leaf among certificates from files, where order is not guaranteed: the first one that
 * issued none of the others (an end entity), else the first. A server always sends its leaf first.
 */
export function pickLeafIndex(certs: readonly { readonly subject: string; readonly issuer: string }[]): number {
  const index = certs.findIndex((c, i) => !certs.some((other, j) => j !== i && other.issuer === c.subject && other.subject !== c.subject));
  return index < 0 ? 0 : index;
}
