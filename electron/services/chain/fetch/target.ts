import { isIP } from 'node:net';
import { CertbenchError } from '../../../../shared/errors.js';

/** Where to connect: a host name or IP literal and a TCP port. */
export interface HostTarget {
  readonly host: string;
  readonly port: number;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/**
 * Parses `host`, `host:port`, `[v6]` or `[v6]:port` (default port 443), or an `https://` URL (its
 * host and port; path, query and credentials ignored), rejecting anything else.
 */
export function parseHostTarget(text: string, defaultPort = 443): HostTarget {
  const input = fromHttpsUrl(text.trim());
  let host = input;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
    if (isIP(host) !== 6) throw invalid(text, 'brackets hold only an IPv6 address');
  } else if (isIP(input) === 6) {
    host = input;
  } else {
    const colon = input.lastIndexOf(':');
    if (colon >= 0) {
      host = input.slice(0, colon);
      portText = input.slice(colon + 1);
    }
    if (!isIP(host) && !HOSTNAME.test(host)) throw invalid(text, 'not a host name or IP address');
  }
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || (portText !== undefined && !/^\d+$/.test(portText))) {
    throw invalid(text, 'the port must be 1–65535');
  }
  return { host: host.replace(/\.$/, ''), port };
}

/** `https://host[:port]/path?…` → `host[:port]`; anything else as given. */
function fromHttpsUrl(text: string): string {
  const url = /^https:\/\/(?:[^@/?#]*@)?([^/?#]+)(?:[/?#].*)?$/i.exec(text);
  return url ? url[1]! : text;
}

function invalid(text: string, why: string): CertbenchError {
  return new CertbenchError('invalid-request', `"${text.slice(0, 300)}" is not HOST[:PORT]: ${why}`);
}
