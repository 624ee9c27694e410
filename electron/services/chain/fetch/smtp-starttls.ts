import type { Socket } from 'node:net';
import { CertbenchError } from '../../../../shared/errors.js';
import { readMessage, withLimits, type StepLimits } from './socket-io.js';

const MAX_REPLY = 16 * 1024;

/**
 * Upgrades an SMTP connection to TLS (RFC 3207): read the greeting, EHLO, STARTTLS, and hand the
 * socket back for the handshake. No mail command is ever sent.
 */
export function smtpStartTls(socket: Socket, limits: Omit<StepLimits, 'what'>): Promise<Socket> {
  return withLimits(socket, { ...limits, what: 'SMTP STARTTLS' }, async () => {
    expect(await reply(socket), '220', 'greeting');
    socket.write('EHLO certbench.invalid\r\n');
    const ehlo = await reply(socket);
    expect(ehlo, '250', 'EHLO');
    if (!/^250[ -]STARTTLS\b/im.test(ehlo)) throw new CertbenchError('unsupported', 'The SMTP server does not offer STARTTLS');
    socket.write('STARTTLS\r\n');
    expect(await reply(socket), '220', 'STARTTLS');
    return socket;
  });
}

function reply(socket: Socket): Promise<string> {
  return readMessage(socket, replyEnd, MAX_REPLY, 'SMTP server').then((b) => b.toString('latin1'));
}

/** An SMTP reply ends with a line whose code is followed by a space, not a dash (RFC 5321 §4.2.1). */
function replyEnd(data: Buffer): number {
  const text = data.toString('latin1');
  let start = 0;
  for (let nl = text.indexOf('\r\n'); nl >= 0; nl = text.indexOf('\r\n', start)) {
    if (/^\d{3} /.test(text.slice(start, nl + 2)) || /^\d{3}\r\n/.test(text.slice(start, nl + 2))) return nl + 2;
    start = nl + 2;
  }
  return -1;
}

function expect(text: string, code: string, step: string): void {
  if (!text.startsWith(code)) {
    throw new CertbenchError('connection', `SMTP ${step} failed: ${text.split('\r\n')[0]!.slice(0, 200)}`);
  }
}
