import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverJdks } from '../../../electron/services/keystore/jdk-discovery.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { cleanEnv, SYSTEM_CACERTS, tempDir } from '../../helpers/keystore-tools.js';

/** Linux discovery runs for real here: /usr/lib/jvm, PATH, update-alternatives, and JAVA_HOME on fake JDK trees. */
describe('JDK discovery on this machine', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());

  it('finds the Debian JDK through several sources and shows its shared cacerts once', async () => {
    const env = defaultServiceEnv({ dataDir: join(dir, 'data'), env: cleanEnv() });
    const found = await discoverJdks(env);
    const debian = found.jdks.find((j) => j.home === '/usr/lib/jvm/java-17-openjdk-amd64');
    expect(debian?.sources).toEqual(expect.arrayContaining(['/usr/lib/jvm', 'update-alternatives', 'PATH (keytool)']));
    expect(debian?.version).toMatch(/^17\./);
    expect(debian?.cacertsRealPath).toBe(SYSTEM_CACERTS);
    const shared = found.cacerts.filter((c) => c.path === SYSTEM_CACERTS);
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ format: 'JKS' });
    expect(shared[0]!.jdkHomes).toContain('/usr/lib/jvm/java-17-openjdk-amd64');
    expect(found.jdks.filter((j) => j.home.endsWith('java-1.17.0-openjdk-amd64'))).toHaveLength(0);
  });

  it('reads JAVA_HOME (Java 8 layout) and PATH (9+ layout) and groups JDKs linked to one cacerts', async () => {
    const jdk8 = join(dir, 'jdk8');
    const jdk11 = join(dir, 'jdk11');
    await mkdir(join(jdk8, 'jre', 'lib', 'security'), { recursive: true });
    await mkdir(join(jdk11, 'lib', 'security'), { recursive: true });
    await mkdir(join(jdk11, 'bin'));
    await writeFile(join(jdk11, 'bin', 'java'), '');
    await copyFile(SYSTEM_CACERTS, join(jdk8, 'jre', 'lib', 'security', 'cacerts'));
    await symlink(join(jdk8, 'jre', 'lib', 'security', 'cacerts'), join(jdk11, 'lib', 'security', 'cacerts'));
    await writeFile(join(jdk8, 'release'), 'JAVA_VERSION="1.8.0_412"\nIMPLEMENTOR="Test Vendor"\n');
    const env = defaultServiceEnv({
      dataDir: join(dir, 'data'),
      env: cleanEnv({ JAVA_HOME: join(jdk8, 'jre'), PATH: join(jdk11, 'bin') }),
      platform: 'linux',
    });
    const found = await discoverJdks(env);
    expect(found.jdks.find((j) => j.home === jdk8)).toMatchObject({ version: '1.8.0_412', vendor: 'Test Vendor', sources: ['JAVA_HOME'] });
    expect(found.jdks.find((j) => j.home === jdk11)?.sources).toEqual(['PATH (java)']);
    const shared = found.cacerts.find((c) => c.path === join(jdk8, 'jre', 'lib', 'security', 'cacerts'));
    expect(shared).toMatchObject({ format: 'JKS', writable: true, jdkHomes: [jdk11, jdk8] });
  });
});
