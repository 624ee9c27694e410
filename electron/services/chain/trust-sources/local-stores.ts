import type { ServiceEnv } from '../../service-env.js';
import type { FoundNssDb } from '../../trust-stores/nss-discovery.js';

/**
 * The JDK cacerts files and NSS databases on this machine that `--trust jdks` / `nssdbs` expand to:
 * the same discovery the trust map and the Java keystores workspace use. Tests give a made-up
 * machine (no JDK, a damaged NSS db) without touching the host.
 */
export interface LocalStores {
  jdkCacerts(): Promise<readonly string[]>;
  nssDbs(): Promise<readonly FoundNssDb[]>;
}

/** The real machine, discovered on first use; the modules load only when `jdks` / `nssdbs` is asked for. */
export function machineLocalStores(env: ServiceEnv): LocalStores {
  return {
    jdkCacerts: async () => {
      const { discoverJdks } = await import('../../keystore/jdk-discovery.js');
      return (await discoverJdks(env)).cacerts.map((c) => c.path);
    },
    nssDbs: async () => {
      const { discoverNssDbs } = await import('../../trust-stores/nss-discovery.js');
      return discoverNssDbs(env.platform, env.homeDir, env.env);
    },
  };
}
