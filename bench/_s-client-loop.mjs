// The peer of bench/scan-endpoints.ts: what an admin's loop does for each "HOST:PORT SNI" line of
// a file — `openssl s_client` for the chain, then `openssl x509 -noout -enddate` on what it printed —
// one endpoint after another, each tool run with an argv array (no shell).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const [target, sni] = line.trim().split(/\s+/);
  if (!target) continue;
  const chain = spawnSync('openssl', ['s_client', '-connect', target, '-servername', sni ?? target.replace(/:\d+$/, '')], { input: '', stdio: ['pipe', 'pipe', 'ignore'] });
  spawnSync('openssl', ['x509', '-noout', '-enddate'], { input: chain.stdout, stdio: ['pipe', 'inherit', 'ignore'] });
}
