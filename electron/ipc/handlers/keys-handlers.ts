import { basename } from 'node:path';
import { renewSpec } from '../../../shared/csr/renew.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { endpointCertificate } from '../../services/csr/renewal-source.js';
import { readInputFile } from '../../services/files/read-input.js';
import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';

type KeysChannel =
  | 'keys.generate'
  | 'keys.list'
  | 'keys.unlock'
  | 'keys.open'
  | 'keys.export'
  | 'keys.csrCreate'
  | 'keys.csrSave'
  | 'keys.planJavaCsr'
  | 'keys.runJavaCsr'
  | 'keys.discardJavaCsr'
  | 'keys.renewSpec'
  | 'keys.selfSigned'
  | 'keys.caCreate'
  | 'keys.caSign'
  | 'keys.certSave'
  | 'keys.bundleAnalyse'
  | 'keys.bundleWrite';

const named = async (path: string) => ({ name: basename(path), bytes: await readInputFile(path) });

/** Keys, CSRs, issuing and bundles: every response is public material, ids and paths. */
export function createKeysHandlers(services: Services): Pick<Handlers, KeysChannel> {
  const { keys, csr, issuing, bundle } = services;
  return {
    'keys.generate': async (req, ctx) => ({ key: (await keys.generate(req.type, req.protection, ctx.progress)).info }),
    'keys.list': async () => ({ keys: await keys.list() }),
    'keys.unlock': async (req) => ({ key: (await keys.unlock(req.id, req.passphrase)).info }),
    'keys.open': async (req) => ({ key: (await keys.openFile(req.path, req.passphrase)).info }),
    'keys.export': async (req) => {
      await keys.exportKey(req.id, req.path, req.protection, req.overwrite);
      return { path: req.path };
    },
    'keys.csrCreate': async (req, ctx) => {
      const made = await csr.create(req.spec, req.key, ctx.progress);
      return { id: made.id, pem: made.pem, plan: made.plan, key: made.key };
    },
    'keys.csrSave': async (req) => {
      await csr.save(req.id, req.path, req.overwrite);
      return { path: req.path };
    },
    'keys.planJavaCsr': async (req) => {
      const { planId, plan, keystore } = await csr.keepKeytoolPlan(req.spec, req);
      return { planId, plan, keystore: { ...keystore, argv: keystore.argv.map((argv) => [...argv]) } };
    },
    'keys.runJavaCsr': async (req) => {
      const { keystore, ...made } = await csr.runKeytoolPlan(req.planId);
      return { ...made, keystore: keystore.path, alias: keystore.alias };
    },
    'keys.discardJavaCsr': async (req) => {
      await csr.discardKeytoolPlan(req.planId);
      return {};
    },
    'keys.renewSpec': async (req) => {
      if ('endpoint' in req) {
        return renewSpec(await endpointCertificate(req.endpoint, req.servername === undefined ? {} : { servername: req.servername }, services.chain), req.keyFamily);
      }
      const { name, bytes } = await named(req.certificatePath);
      return renewSpec(certificateDers(bytes, name)[0]!, req.keyFamily);
    },
    'keys.selfSigned': (req) => issuing.selfSigned(req.spec, req.keyId, req.days),
    'keys.caCreate': (req) => {
      const constrained = req.permittedDns.length + req.permittedIpv4.length > 0;
      return issuing.createCa(req.subject, req.keyId, req.days, constrained ? { dns: req.permittedDns, ipv4Cidrs: req.permittedIpv4 } : undefined);
    },
    'keys.caSign': async (req) => {
      const csrPem = req.csr.kind === 'id' ? csr.pem(req.csr.id) : new TextDecoder().decode(await readInputFile(req.csr.path));
      return issuing.signCsr({ csrPem, caCertPem: issuing.pem(req.caId), caKeyId: req.caKeyId, days: req.days });
    },
    'keys.certSave': async (req) => {
      await issuing.save(req.id, req.path, req.overwrite);
      return { path: req.path };
    },
    'keys.bundleAnalyse': async (req, ctx) =>
      bundle.analyse(
        { answer: await named(req.answerPath), chain: await Promise.all(req.chainPaths.map(named)), keyId: req.keyId, requestedSans: req.requestedSans, aia: req.aia },
        (label) => ctx.progress(label),
      ),
    'keys.bundleWrite': async (req) => ({ files: await bundle.write(req.id, req) }),
  };
}
