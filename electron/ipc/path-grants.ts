import { dirname, resolve } from 'node:path';
import type { Channel, Req, Res } from '../../shared/ipc/contract.js';
import type { NativeDialogs } from './native-dialogs.js';

/**
 * How a request uses a path: `read` a file; `write` a new or replaced file; `edit` a file in place
 * (a keystore); `folder` write fixed-name files into a folder (a bundle).
 */
export type PathUse = 'read' | 'write' | 'edit' | 'folder';

export interface PathField {
  readonly path: string;
  readonly use: PathUse;
}

/** Main's own question to the user about a path the page named itself (typed into a field). */
export type AskUser = (field: PathField) => Promise<boolean>;

/**
 * The files and folders one window may use: only paths main itself handed out — answers of its
 * own open/save dialogs, JDK stores it discovered, and paths the user allowed when main asked in
 * its own dialog. A page (compromised or buggy) that names any other path gets a refusal, so it
 * cannot read or write anywhere the user can.
 */
export class PathGrants {
  constructor(private readonly ask: AskUser = async () => false) {}

  /** Chosen in an open dialog or discovered by main: may be read, and edited in place. */
  readonly #opened = new Set<string>();
  /** Chosen in a save dialog: may be written (and read back); its folder may take a bundle. */
  readonly #saved = new Set<string>();
  /** Allowed by the user as a folder for fixed-name outputs. */
  readonly #folders = new Set<string>();

  grantOpened(paths: readonly string[]): void {
    for (const p of paths) this.#opened.add(resolve(p));
  }

  grantSaved(path: string): void {
    this.#saved.add(resolve(path));
  }

  allows({ path, use }: PathField): boolean {
    const p = resolve(path);
    switch (use) {
      case 'read':
        return this.#opened.has(p) || this.#saved.has(p);
      case 'edit':
        return this.#opened.has(p) || this.#saved.has(p);
      case 'write':
        return this.#saved.has(p);
      case 'folder':
        return this.#folders.has(p) || this.#saved.has(p) || [...this.#saved].some((s) => dirname(s) === p);
    }
  }

  /** The first field neither granted nor allowed by the user when asked now; undefined when all may be used. */
  async admit(fields: readonly PathField[]): Promise<PathField | undefined> {
    for (const field of fields) {
      if (this.allows(field)) continue;
      if (!(await this.ask(field))) return field;
      if (field.use === 'write') this.grantSaved(field.path);
      else if (field.use === 'folder') this.#folders.add(resolve(field.path));
      else this.grantOpened([field.path]);
    }
    return undefined;
  }
}

const VERB: Readonly<Record<PathUse, string>> = { read: 'Read', edit: 'Read and change', write: 'Write', folder: 'Write files into the folder' };

/** Asks through main's native confirmation dialog, which the page cannot answer. */
export function askThroughDialog(dialogs: Pick<NativeDialogs, 'confirm'>): AskUser {
  return (field) =>
    dialogs.confirm({
      title: 'Allow access to a file',
      message: `${VERB[field.use]} ${field.path}?`,
      detail: 'The Certbench window asks for a path that was not chosen in an Open or Save dialog, for example one typed into a field.',
      confirmLabel: 'Allow',
    });
}

const read = (path: string): PathField => ({ path, use: 'read' });
const write = (path: string): PathField => ({ path, use: 'write' });
const edit = (path: string): PathField => ({ path, use: 'edit' });
const folder = (path: string): PathField => ({ path, use: 'folder' });
const source = (s: { kind: 'path'; path: string } | { kind: string }): PathField[] => ('path' in s ? [read(s.path as string)] : []);

type StoreSelector = { path?: string | undefined; jdkHome?: string | undefined };
/** A keystore the request reads (`use` read) or changes (`edit`); a JDK home must be one main discovered. */
const store = (s: StoreSelector | undefined, use: 'read' | 'edit'): PathField[] => [
  ...(s?.path === undefined ? [] : [{ path: s.path, use }]),
  ...(s?.jdkHome === undefined ? [] : [{ path: s.jdkHome, use: 'edit' as const }]),
];

/** The file or folder a trust store id names (`pem:FILE`, `nss:DIR`, `java:FILE`); OS stores name none. */
const STORE_PATH = /^(?:pem|nss|java):(.+)$/s;
const stores = (ids: readonly string[], use: 'read' | 'edit'): PathField[] =>
  ids.flatMap((id) => {
    const path = STORE_PATH.exec(id)?.[1];
    return path === undefined ? [] : [{ path, use }];
  });

/**
 * The files a chain verification's trust sources name: `pem:FILE`, `jdk:FILE`, `nss:[sql:|dbm:]DIR`,
 * or a bare file; `system`, `mozilla`, `jdk` and the discovered `jdks` / `nssdbs` name none.
 */
const NAMED_TRUST = new Set(['system', 'os', 'mozilla', 'jdk', 'jdks', 'nssdbs']);
const TRUST_PATH = /^(?:pem:|jdk:|nss:(?:sql:|dbm:)?)?(.+)$/s;
const chainTrust = (specs: readonly string[] = []): PathField[] =>
  specs
    .map((s) => s.trim())
    .filter((s) => !NAMED_TRUST.has(s))
    .map((s) => read(TRUST_PATH.exec(s)![1]!));

/**
 * Every request field that is a path on the local machine, per channel. The fleet export's
 * `nssDbs`/`javaCacerts` are not here: they are text for scripts run on other machines.
 */
const PATH_FIELDS: { readonly [C in Channel]?: (req: Req<C>) => readonly PathField[] } = {
  'inspect.open': (r) => [read(r.path)],
  'inspect.export': (r) => [write(r.path)],
  'chain.fetch': (r) => [...(r.addPaths ?? []).map(read), ...chainTrust(r.trust)],
  'chain.verifyFiles': (r) => [...r.paths.map(read), ...chainTrust(r.trust)],
  'chain.verifyText': (r) => chainTrust(r.trust),
  'chain.exportBundle': (r) => [write(r.path)],
  'keys.open': (r) => [read(r.path)],
  'keys.export': (r) => [write(r.path)],
  'keys.csrSave': (r) => [write(r.path)],
  'keys.certSave': (r) => [write(r.path)],
  // Running and discarding name only the plan: its store was admitted here, when it was planned.
  'keys.planJavaCsr': (r) => [edit(r.keystore)],
  'keys.renewSpec': (r) => ('certificatePath' in r ? [read(r.certificatePath)] : []),
  'keys.caSign': (r) => source(r.csr),
  'keys.bundleAnalyse': (r) => [read(r.answerPath), ...r.chainPaths.map(read)],
  'keys.bundleWrite': (r) => [folder(r.outDir), ...(r.pfx ? [folder(dirname(r.pfx.path))] : [])],
  'keystore.list': (r) => store(r.store, 'read'),
  'keystore.certificate': (r) => store(r.store, 'read'),
  'keystore.planImport': (r) => store(r.store, 'read'),
  'keystore.import': (r) => store(r.store, 'edit'),
  'keystore.planKeyPairImport': (r) => store(r.store, 'read'),
  'keystore.importKeyPair': (r) => store(r.store, 'edit'),
  'keystore.delete': (r) => store(r.store, 'edit'),
  'keystore.rename': (r) => store(r.store, 'edit'),
  'keystore.passwd': (r) => store(r.store, 'edit'),
  'keystore.convert': (r) => [...store(r.store, 'edit'), ...(r.destination === r.store.path ? [] : [write(r.destination)])],
  'keystore.backups': (r) => store(r.store, 'read'),
  'trust.stores': (r) => stores(r.extraStores, 'read'),
  'trust.remember': (r) => stores([r.storeId], 'read'),
  'trust.list': (r) => stores([r.storeId], 'read'),
  'trust.certificate': (r) => stores([r.storeId], 'read'),
  'trust.planAdd': (r) => [...stores([r.storeId], 'edit'), ...source(r.source)],
  'trust.planRemove': (r) => stores([r.storeId], 'edit'),
  'trust.where': (r) => [...stores(r.extraStores, 'read'), ...source(r.source)],
  'trust.planAddToAllMissing': (r) => [...stores(r.extraStores, 'edit'), ...source(r.source)],
  // Remembered folders are read on every machine scan: the user grants each once.
  'scan.remember': (r) => (r.folders ?? []).map(read),
  'trust.export': (r) => [...source(r.source), ...(r.savePath === undefined ? [] : [write(r.savePath)])],
};

/** What main's own answers hand to the window: dialog choices and discovered stores. */
const GRANTED_BY: { readonly [C in Channel]?: (res: Res<C>, grants: PathGrants) => void } = {
  'dialog.openFiles': (res, grants) => grants.grantOpened(res.paths),
  'dialog.saveFile': (res, grants) => {
    if (res.path !== null) grants.grantSaved(res.path);
  },
  'keystore.jdks': (res, grants) => grants.grantOpened([...res.cacerts.map((c) => c.path), ...res.jdks.map((j) => j.home)]),
  // Stores main found (Firefox profiles, JDK cacerts) or remembered from an earlier session.
  'trust.stores': (res, grants) => grants.grantOpened(stores(res.stores.map((s) => s.id), 'edit').map((f) => f.path)),
};

/** The first path field of `request` this window may not use (not granted, and the user said no), or undefined. */
export async function refusedPath<C extends Channel>(channel: C, request: Req<C>, grants: PathGrants): Promise<PathField | undefined> {
  return grants.admit((PATH_FIELDS[channel] as ((req: Req<C>) => readonly PathField[]) | undefined)?.(request) ?? []);
}

export function recordGrants<C extends Channel>(channel: C, response: Res<C>, grants: PathGrants): void {
  (GRANTED_BY[channel] as ((res: Res<C>, g: PathGrants) => void) | undefined)?.(response, grants);
}
