import { webcrypto } from 'node:crypto';
import * as x509 from '../../shared/pki/x509.js';

/**
 * 200 hostile names: shell metacharacters, quotes, newlines, Unicode and leading dashes, many of
 * which would create `canary` if anything ever passed them through a shell.
 */
export function hostileNames(canary: string): string[] {
  const attacks = [
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `; touch ${canary}`,
    `&& touch ${canary}`,
    `| touch ${canary}`,
    `& touch ${canary} &`,
    `\ntouch ${canary}\n`,
    `'; touch ${canary}; '`,
    `"; touch ${canary}; "`,
    `$(IFS=_;cmd=touch_${canary};$cmd)`,
    `%COMSPEC% /c echo > ${canary}`,
    `" & echo pwned > ${canary} & "`,
    `> ${canary}`,
    `$'\\x74ouch' ${canary}`,
    `{touch,${canary}}`,
    `!touch ${canary}`,
    `\r\ntouch ${canary}`,
    `x" do shell script "touch ${canary}`,
    `\\"; touch ${canary} #`,
    `^& touch ${canary}`,
  ];
  const shapes = [
    (a: string) => a,
    (a: string) => `-${a}`,
    (a: string) => `--help ${a}`,
    (a: string) => `-n ${a}`,
    (a: string) => `Root CA ${a} ü日本語\u202Eevil`,
    (a: string) => `'${a}'`,
    (a: string) => `"${a}"`,
    (a: string) => `${a}\t*?[]~`,
    (a: string) => `🔒 ${a} 🔓`,
    (a: string) => `  ${a}  \\`,
  ];
  return shapes.flatMap((shape) => attacks.map(shape));
}

/** A self-signed CA certificate whose subject CN is `cn`, taken literally (UTF8String). */
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export async function selfSignedWithCn(cn: string, serial: number): Promise<Uint8Array> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString(16).padStart(4, '0'),
    name: new x509.Name([{ '2.5.4.3': [{ utf8String: cn }] }]),
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 7 * 86_400_000),
    keys,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  return new Uint8Array(cert.rawData);
}
