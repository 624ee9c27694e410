import { create } from 'zustand';
import { templateSpec, defaultKeyUsage, type CsrTemplateId } from '../../../../shared/csr/templates.js';
import type { Res } from '../../../../shared/ipc/contract.js';
import type { CsrSpec, SanRow, Subject } from '../../../../shared/model/csr.js';
import type { SanType, SubjectField } from '../../../../shared/model/csr-constants.js';
import { describeKeyType, KEY_TYPE_INFO, type KeyDescription, type KeyType } from '../../../../shared/model/keys-constants.js';
import type { KeyProtection } from '../../../../shared/model/keys.js';
import { invoke, isIpcError } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';

/** The CSR just made: signed by a key Certbench holds, or by a key pair keytool made in a Java keystore. */
export type CreatedCsr = ({ readonly kind: 'key' } & Res<'keys.csrCreate'>) | ({ readonly kind: 'keystore' } & Res<'keys.runJavaCsr'>);
export type JavaCsrPlan = Res<'keys.planJavaCsr'>;
/** The key types keytool makes (all but Ed25519). */
export type KeytoolKeyType = Exclude<KeyType, 'ed25519'>;
export type Issued = Res<'keys.selfSigned'>;
export type KeyListItem = Res<'keys.list'>['keys'][number];

/**
 * Which key the designer signs with: a new one of a type, one Certbench already holds, or a new key
 * pair keytool makes in a Java keystore (chosen in main's open dialog; `path` null until then).
 */
export type KeyChoice =
  | { readonly kind: 'new'; readonly type: KeyType }
  | { readonly kind: 'existing'; readonly id: string }
  | { readonly kind: 'keystore'; readonly type: KeytoolKeyType; readonly path: string | null; readonly alias: string };

interface KeysState {
  spec: CsrSpec;
  template: CsrTemplateId | 'renew';
  key: KeyChoice;
  /** Passphrase for the new key (kept encrypted in the vault and in saved files). */
  passphrase: string;
  /** False only when the user explicitly chose to save the key unencrypted. */
  encryptKeyFile: boolean;
  keys: KeyListItem[];
  created: CreatedCsr | null;
  issued: Issued | null;
  ca: Issued | null;
  caKeyId: string | null;
  busy: string | null;
  /**
   * The keystore plan dialog: open while the user gives the store password and reads the plan main
   * keeps; `problem` is main's refusal (wrong password, taken alias, store changed), shown in it.
   */
  javaPlan: { readonly planned: JavaCsrPlan | null; readonly problem: string | null } | null;
  setSubject(field: SubjectField, value: string): void;
  setSpec(patch: Partial<CsrSpec>): void;
  addSan(type?: SanType): void;
  updateSan(index: number, row: Partial<SanRow>): void;
  /** Puts `rows` in place of row `index` (a pasted list becomes one row per name). */
  replaceSan(index: number, rows: readonly SanRow[]): void;
  removeSan(index: number): void;
  applyTemplate(id: CsrTemplateId): void;
  renewFromCertificate(): Promise<void>;
  /** The same from the certificate `endpoint` (host:port) presents now. */
  renewFromEndpoint(endpoint: string): Promise<void>;
  chooseKey(choice: KeyChoice): void;
  setPassphrase(passphrase: string): void;
  setEncryptKeyFile(encrypt: boolean): void;
  refreshKeys(): Promise<void>;
  /** An encrypted key file waiting for its passphrase. */
  pendingKeyPath: string | null;
  openKeyFile(): Promise<void>;
  openPendingKey(passphrase: string): Promise<void>;
  generate(): Promise<void>;
  chooseKeystore(): Promise<void>;
  /** A keystore file that does not exist yet (main's save dialog): keytool makes a new PKCS12 store there. */
  newKeystore(): Promise<void>;
  /** The new key pair's alias; unlike chooseKey, it leaves the hash and key usage the user set. */
  setKeystoreAlias(alias: string): void;
  /** Opens the plan dialog for the keystore destination. */
  openJavaPlan(): void;
  /** Asks main to plan (and keep) the key pair with this store password; an earlier kept plan is dropped. */
  planJavaCsr(storePassword: string): Promise<void>;
  /** Drops the shown plan (the password changed): the next one must be planned again. */
  dropJavaPlan(): Promise<void>;
  runJavaPlan(): Promise<void>;
  cancelJavaPlan(): Promise<void>;
  saveCsr(): Promise<void>;
  saveKey(): Promise<void>;
  selfSign(days: number): Promise<void>;
  createCa(subject: Subject, permittedDns: string[], days: number): Promise<void>;
  signWithCa(days: number): Promise<void>;
  saveCertificate(which: 'issued' | 'ca'): Promise<void>;
}

/** The key the designer's plan is checked against: the new key's type, or the chosen key's shape. */
export function keyDescription(state: Pick<KeysState, 'key' | 'keys'>): KeyDescription {
  if (state.key.kind !== 'existing') return describeKeyType(state.key.type);
  const id = state.key.id;
  return state.keys.find((k) => k.info.id === id)?.info.key ?? { family: 'other', bits: 0, label: 'unknown key' };
}

const protection = (s: Pick<KeysState, 'passphrase'>): KeyProtection => ({ encrypt: true, passphrase: s.passphrase });

/** The Keys & CSR workspace's state: the designer's form, the keys, and the last results. */
export const useKeysStore = create<KeysState>()((set, get) => {
  const app = () => useAppStore.getState();
  const run = async <T>(label: string, work: () => Promise<T>): Promise<T | undefined> => {
    set({ busy: label });
    try {
      return await app().track(label, work());
    } catch (err) {
      app().reportError(err);
      return undefined;
    } finally {
      set({ busy: null });
    }
  };
  /**
   * Work of the plan dialog: a refusal is shown inside the dialog, not in a toast behind it. A
   * refused run has used up its kept plan, so the dialog then asks to plan again.
   */
  const inPlanDialog = async <T>(label: string, work: () => Promise<T>): Promise<T | undefined> => {
    set({ busy: label });
    try {
      return await app().track(label, work());
    } catch (err) {
      if (get().javaPlan) set({ javaPlan: { planned: null, problem: err instanceof Error ? err.message : String(err) } });
      else app().reportError(err);
      return undefined;
    } finally {
      set({ busy: null });
    }
  };
  const setKeystorePath = (path: string) => set((st) => (st.key.kind === 'keystore' ? { key: { ...st.key, path } } : {}));
  const saveDialog = async (title: string, defaultName: string, extensions: string[]) =>
    (await invoke('dialog.saveFile', { title, defaultName, filters: [{ name: title, extensions }] })).path;
  const adoptOpened = async (opened: Res<'keys.open'>) => {
    await get().refreshKeys();
    get().chooseKey({ kind: 'existing', id: opened.key.id });
  };
  /** Fills the designer with a renewal of the certificate main reads from `source`: its subject, SANs and purposes, editable. */
  const renewFrom = async (label: string, source: { certificatePath: string } | { endpoint: string }) => {
    const result = await run(label, () => invoke('keys.renewSpec', { ...source, keyFamily: keyDescription(get()).family }));
    if (!result) return;
    set({ spec: result.spec, template: 'renew' });
    result.notes.forEach((message) => app().pushToast({ kind: 'info', message }));
  };
  const currentKeyId = (): string | undefined => {
    const s = get();
    if (s.key.kind === 'existing') return s.key.id;
    return s.created?.kind === 'key' ? s.created.key.id : undefined;
  };
  return {
    spec: { ...templateSpec('tls-server', 'ec') },
    template: 'tls-server',
    key: { kind: 'new', type: 'ec-p256' },
    passphrase: '',
    encryptKeyFile: true,
    keys: [],
    created: null,
    issued: null,
    ca: null,
    caKeyId: null,
    pendingKeyPath: null,
    busy: null,
    javaPlan: null,
    setSubject: (field, value) => set((s) => ({ spec: { ...s.spec, subject: { ...s.spec.subject, [field]: value } } })),
    setSpec: (patch) => set((s) => ({ spec: { ...s.spec, ...patch } })),
    addSan: (type = 'dns') => set((s) => ({ spec: { ...s.spec, sans: [...s.spec.sans, { type, value: '' }] } })),
    replaceSan: (index, rows) => set((s) => ({ spec: { ...s.spec, sans: [...s.spec.sans.slice(0, index), ...rows, ...s.spec.sans.slice(index + 1)] } })),
    updateSan: (index, row) => set((s) => ({ spec: { ...s.spec, sans: s.spec.sans.map((r, i) => (i === index ? { ...r, ...row } : r)) } })),
    removeSan: (index) => set((s) => ({ spec: { ...s.spec, sans: s.spec.sans.filter((_, i) => i !== index) } })),
    applyTemplate: (id) => set((s) => ({ template: id, spec: { ...templateSpec(id, keyDescription(s).family), subject: s.spec.subject } })),
    renewFromCertificate: async () => {
      const { paths } = await invoke('dialog.openFiles', { title: 'Certificate to renew', filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'der'] }] });
      if (!paths[0]) return;
      await renewFrom('Reading the certificate', { certificatePath: paths[0] });
    },
    renewFromEndpoint: (endpoint) => renewFrom(`Fetching the certificate of ${endpoint}`, { endpoint }),
    chooseKey: (key) =>
      set((s) => {
        const next = { ...s, key };
        const d = keyDescription(next);
        const hash = key.kind !== 'existing' ? KEY_TYPE_INFO[key.type].defaultHash : d.family === 'ec' && d.bits >= 384 ? 'SHA-384' : 'SHA-256';
        return { key, spec: { ...s.spec, hash, keyUsage: s.spec.extendedKeyUsage.includes('serverAuth') ? defaultKeyUsage(d.family) : s.spec.keyUsage } };
      }),
    setPassphrase: (passphrase) => set({ passphrase }),
    setEncryptKeyFile: (encryptKeyFile) => set({ encryptKeyFile }),
    refreshKeys: async () => {
      const result = await run('Listing keys', () => invoke('keys.list', {}));
      if (result) set({ keys: result.keys });
    },
    openKeyFile: async () => {
      const { paths } = await invoke('dialog.openFiles', { title: 'Private key', filters: [{ name: 'Keys', extensions: ['pem', 'key', 'der', 'p12', 'pfx'] }] });
      if (!paths[0]) return;
      const path = paths[0];
      try {
        await adoptOpened(await app().track('Opening the key', invoke('keys.open', { path })));
      } catch (err) {
        if (isIpcError(err, 'password-required')) set({ pendingKeyPath: path });
        else app().reportError(err);
      }
    },
    openPendingKey: async (passphrase) => {
      const path = get().pendingKeyPath;
      if (!path) return;
      const opened = await run('Opening the key', () => invoke('keys.open', { path, passphrase }));
      if (!opened) return;
      set({ pendingKeyPath: null });
      await adoptOpened(opened);
    },
    generate: async () => {
      const s = get();
      if (s.key.kind === 'keystore') return;
      const key = s.key.kind === 'new' ? { kind: 'generate' as const, type: s.key.type, protection: protection(s) } : { kind: 'key' as const, id: s.key.id };
      const label = s.key.kind === 'new' ? `Generating ${KEY_TYPE_INFO[s.key.type].label} key and CSR` : 'Signing the CSR';
      const created = await run(label, () => invoke('keys.csrCreate', { spec: s.spec, key }));
      if (!created) return;
      // The new key joins the list locally: no second round trip while the result renders.
      set((st) => ({ created: { kind: 'key', ...created }, issued: null, keys: [{ info: created.key, unlocked: true }, ...st.keys.filter((k) => k.info.id !== created.key.id)] }));
    },
    chooseKeystore: async () => {
      const s = get();
      if (s.key.kind !== 'keystore') return;
      const { paths } = await invoke('dialog.openFiles', { title: 'Java keystore', filters: [{ name: 'Java keystores', extensions: ['jks', 'p12', 'pfx', 'keystore', 'ks'] }] });
      if (paths[0]) setKeystorePath(paths[0]);
    },
    newKeystore: async () => {
      if (get().key.kind !== 'keystore') return;
      const path = await saveDialog('New Java keystore', 'keystore.p12', ['p12', 'pfx']);
      if (path) setKeystorePath(path);
    },
    setKeystoreAlias: (alias) => set((st) => (st.key.kind === 'keystore' ? { key: { ...st.key, alias } } : {})),
    openJavaPlan: () => set({ javaPlan: { planned: null, problem: null } }),
    planJavaCsr: async (storePassword) => {
      const s = get();
      if (s.key.kind !== 'keystore' || s.key.path === null) return;
      await get().dropJavaPlan();
      const request = { spec: s.spec, keystore: s.key.path, alias: s.key.alias.trim(), storePassword, keyType: s.key.type };
      const planned = await inPlanDialog('Planning the key pair', () => invoke('keys.planJavaCsr', request));
      if (!planned) return;
      if (get().javaPlan) set({ javaPlan: { planned, problem: null } });
      else await invoke('keys.discardJavaCsr', { planId: planned.planId });
    },
    dropJavaPlan: async () => {
      const planned = get().javaPlan?.planned;
      if (!planned) return;
      set({ javaPlan: { planned: null, problem: null } });
      await invoke('keys.discardJavaCsr', { planId: planned.planId }).catch(() => undefined);
    },
    runJavaPlan: async () => {
      const planned = get().javaPlan?.planned;
      if (!planned) return;
      const made = await inPlanDialog('Running keytool', () => invoke('keys.runJavaCsr', { planId: planned.planId }));
      if (!made) return;
      set({ javaPlan: null, created: { kind: 'keystore', ...made }, issued: null });
      app().pushToast({ kind: 'success', message: `keytool made key pair "${made.alias}" in ${made.keystore}` });
    },
    cancelJavaPlan: async () => {
      await get().dropJavaPlan();
      set({ javaPlan: null });
    },
    saveCsr: async () => {
      const created = get().created;
      if (!created) return;
      const path = await saveDialog('Save CSR', 'request.csr', ['csr', 'pem']);
      if (!path) return;
      const saved = await run('Saving the CSR', () => invoke('keys.csrSave', { id: created.id, path }));
      if (saved) app().pushToast({ kind: 'success', message: `Saved ${saved.path}` });
    },
    saveKey: async () => {
      const id = currentKeyId();
      const s = get();
      if (!id) return;
      const path = await saveDialog('Save private key', 'private.key', ['key', 'pem']);
      if (!path) return;
      const p: KeyProtection = s.encryptKeyFile ? protection(s) : { encrypt: false };
      const saved = await run('Saving the key', () => invoke('keys.export', { id, path, protection: p }));
      if (saved) app().pushToast({ kind: 'success', message: `Saved ${saved.path} (${p.encrypt ? 'encrypted' : 'NOT encrypted'}, mode 0600)` });
    },
    selfSign: async (days) => {
      const keyId = currentKeyId();
      if (!keyId) return;
      const issued = await run('Issuing a self-signed certificate', () => invoke('keys.selfSigned', { spec: get().spec, keyId, days }));
      if (issued) set({ issued });
    },
    createCa: async (subject, permittedDns, days) => {
      const caKey = await run('Generating the CA key', () => invoke('keys.generate', { type: 'ec-p384', protection: protection(get()) }));
      if (!caKey) return;
      const ca = await run('Creating the local CA', () => invoke('keys.caCreate', { subject, keyId: caKey.key.id, days, permittedDns, permittedIpv4: [] }));
      if (ca) set({ ca, caKeyId: caKey.key.id });
      await get().refreshKeys();
    },
    signWithCa: async (days) => {
      const { ca, created, caKeyId: keyId } = get();
      if (!ca || !created || !keyId) return;
      const issued = await run('Signing with the local CA', () => invoke('keys.caSign', { csr: { kind: 'id', id: created.id }, caId: ca.id, caKeyId: keyId, days }));
      if (issued) set({ issued });
    },
    saveCertificate: async (which) => {
      const cert = which === 'ca' ? get().ca : get().issued;
      if (!cert) return;
      const path = await saveDialog('Save certificate', which === 'ca' ? 'ca.pem' : 'certificate.pem', ['pem', 'crt']);
      if (!path) return;
      const saved = await run('Saving the certificate', () => invoke('keys.certSave', { id: cert.id, path }));
      if (saved) app().pushToast({ kind: 'success', message: `Saved ${saved.path}` });
    },
  };
});
