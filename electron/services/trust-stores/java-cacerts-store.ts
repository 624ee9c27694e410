import { CertbenchError } from '../../../shared/errors.js';
import type { StoreInfo } from '../../../shared/model/trust.js';
import type { Elevator } from '../elevation/elevator.js';
import { readKeystore } from '../keystore/keystore-reader.js';
import type { ServiceEnv } from '../service-env.js';
import { BaseTrustStore } from './base-trust-store.js';
import { describeStored } from './stored-certificate.js';
import type { TrustJob } from './trust-job.js';
import type { StoredCertificate } from './trust-store.js';

/**
 * A JDK's cacerts as a trust-map column, read natively by the Java keystore service (no JVM,
 * no password: read unverified, as `keytool -list` does without `-storepass`). Changes belong
 * to the keystore workspace (`certbench keystore`), which handles passwords and backups, so
 * this view is read-only.
 */
export class JavaCacertsStore extends BaseTrustStore {
  readonly info: StoreInfo;

  constructor(
    env: ServiceEnv,
    elevator: Elevator,
    private readonly path: string,
    jdkHomes: readonly string[],
  ) {
    super(env, elevator);
    this.info = { id: `java:${path}`, displayName: `Java cacerts ${path}`, kind: 'java', detail: `used by ${jdkHomes.join(', ') || 'a JDK'}`, readOnly: true, holds: 'anchors' };
  }

  async available(): Promise<boolean> {
    return true;
  }

  async list(): Promise<StoredCertificate[]> {
    const store = await readKeystore(this.path);
    const now = this.env.now();
    return store.entries.flatMap((e) => e.certificates.slice(0, 1).map((c) => describeStored(c.der, now, { label: e.alias, removable: false })));
  }

  protected async jobAdd(): Promise<TrustJob> {
    throw this.#readOnly();
  }

  protected async jobRemove(): Promise<TrustJob> {
    throw this.#readOnly();
  }

  #readOnly(): CertbenchError {
    return new CertbenchError('unsupported', `${this.id}: change JDK cacerts in the Java keystore workspace (certbench keystore), which asks for its password and keeps a backup`);
  }
}
