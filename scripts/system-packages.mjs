// The Debian packages `npm test` needs, each with the file that proves it is installed and why.
// scripts/ensure-system-packages.mjs installs the missing ones (as root) or fails naming them.
export const SYSTEM_PACKAGES = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'renderer e2e tests drive Debian Chromium' },
  { pkg: 'openssl', file: '/usr/bin/openssl', why: 'interop tests and fixtures' },
  { pkg: 'libnss3-tools', file: '/usr/bin/certutil', why: 'NSS trust-store adapter tests' },
  { pkg: 'openjdk-17-jdk-headless', file: '/usr/bin/keytool', why: 'Java keystore tests use the real keytool', alternatives: ['/usr/lib/jvm'] },
  { pkg: 'tinyproxy', file: '/usr/bin/tinyproxy', why: 'chain fetch tests go through a real CONNECT proxy' },
  { pkg: 'gnutls-bin', file: '/usr/bin/gnutls-cli', why: 'the chain oracle asks gnutls-cli and certtool' },
  { pkg: 'curl', file: '/usr/bin/curl', why: 'the chain oracle asks curl' },
  { pkg: 'mitmproxy', file: '/usr/bin/mitmdump', why: 'chain tests detect a real TLS-inspecting proxy' },
  { pkg: 'ca-certificates', file: '/usr/sbin/update-ca-certificates', why: 'linux-debian trust-store tests run the real update-ca-certificates in a temp tree' },
  { pkg: 'util-linux', file: '/usr/bin/unshare', why: 'fleet-export tests run the playbook and script inside a private mount namespace' },
  { pkg: 'prometheus', file: '/usr/bin/promtool', why: 'scan tests check the Prometheus output with promtool check metrics' },
  { pkg: 'ansible-core', file: '/usr/bin/ansible-playbook', why: 'fleet-export tests syntax-check and run the generated playbook' },
  { pkg: 'time', file: '/usr/bin/time', why: 'hostile-input tests measure the CLI\'s peak memory (GNU time %M)' },
];
