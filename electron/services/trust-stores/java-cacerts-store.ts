import type { StoreInfo } from '../../../shared/model/trust.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import type { Elevator } from '../elevation/elevator.js';
import { suggestAlias } from '../keystore/keystore-alias.js';
import { readKeystore } from '../keystore/keystore-reader.js';
import type { KeystoreService } from '../keystore/keystore-service.js';
import { writeAccess } from '../keystore/keystore-write-access.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { cacertsEditStep } from './cacerts-edit-step.js';
import { describeStored } from './stored-certificate.js';
import { makeJob, type TrustJob } from './trust-job.js';
import type { AddOptions, StoredCertificate } from './trust-store.js';

/**
 * A JDK's cacerts as a trust-map column. Listing reads it natively (no JVM, no password: read
 * unverified, as `keytool -list` does without `-storepass`). Changes go through the Java
 * keystore service — keytool on a backed-up temp copy, verified, then swapped in, elevated when
 * the JDK is root's — so a cacerts is edited one way only, whichever workspace asks. The password
 * is cacerts' default (`changeit`); a store with another password is changed in the keystore
 * workspace, which asks for it.
 */
export class JavaCacertsStore extends BaseTrustStore {
  readonly info: StoreInfo;

  constructor(
    env: ServiceEnv,
    elevator: Elevator,
    private readonly keystores: KeystoreService,
    private readonly path: string,
    jdkHomes: readonly string[],
  ) {
    super(env, elevator);
    this.info = { id: `java:${path}`, displayName: `Java cacerts ${path}`, kind: 'java', detail: `used by ${jdkHomes.join(', ') || 'a JDK'}`, readOnly: false, holds: 'anchors' };
  }

  async available(): Promise<boolean> {
    return true;
  }

  protected async readListing(): Promise<StoredCertificate[]> {
    const store = await readKeystore(this.path);
    const now = this.env.now();
    return store.entries.flatMap((e) => e.certificates.slice(0, 1).map((c) => describeStored(c.der, now, { label: e.alias, removable: true })));
  }

  /** The displayed plan: the keytool run the keystore service makes, on its verified temp copy. */
  protected async jobAdd(der: Uint8Array, options: AddOptions): Promise<TrustJob> {
    const sha256 = sha256Hex(der);
    const base = { storeId: this.id, action: 'add' as const, sha256, warnings: [], platform: 'any (JDK keytool)' };
    if (await this.contains(sha256)) return makeJob(base, []);
    const alias = options.label ?? suggestAlias(der);
    const step = cacertsEditStep(this.path, ['-importcert', '-noprompt', '-trustcacerts', '-alias', alias, '-file', 'certificate.pem'], await this.#needsElevation(), async () => {
      await this.keystores.importCertificates({ path: this.path }, der, { alias });
    });
    return makeJob(base, [step]);
  }

  protected async jobRemove(sha256: string): Promise<TrustJob> {
    const aliases = await this.#aliasesOf(sha256);
    const base = { storeId: this.id, action: 'remove' as const, sha256, warnings: [], platform: 'any (JDK keytool)' };
    const elevated = await this.#needsElevation();
    return makeJob(
      base,
      aliases.map((alias) =>
        cacertsEditStep(this.path, ['-delete', '-alias', alias], elevated, async () => {
          await this.keystores.delete({ path: this.path }, alias);
        }),
      ),
    );
  }

  async #needsElevation(): Promise<boolean> {
    return (await writeAccess(this.path)) === 'needs-elevation';
  }

  async #aliasesOf(sha256: string): Promise<string[]> {
    const store = await readKeystore(this.path);
    return store.entries.filter((e) => e.certificates[0] && sha256Hex(e.certificates[0].der) === sha256).map((e) => e.alias);
  }
}
