import type { FleetRoot } from './fleet-root.js';

/**
 * A plain POSIX sh script for hosts without a configuration manager: writes the PEM anchor for
 * the Debian or RHEL family, refreshes the store, checks the fingerprint with openssl when
 * present, then adds the root to any NSS databases given as arguments. Idempotent: an identical
 * anchor file means nothing to do. The PEM sits in a single-quoted string (base64 and dashes
 * only), so nothing in it is expanded.
 */
export function buildShellScript(root: FleetRoot): string {
  return `#!/bin/sh
# Certbench fleet export: trust ${root.safeSubject}
# SHA-256 ${root.sha256}
# Usage: sh ${root.name}.sh [NSS_DB_DIR ...]   (run as root)
set -eu

NAME='${root.name}'
SHA256='${root.sha256}'
PEM='${root.pem.trimEnd()}'

if [ -d /etc/pki/ca-trust/source/anchors ]; then
  FAMILY=rhel
  DEST="/etc/pki/ca-trust/source/anchors/$NAME.pem"
elif [ -d /usr/local/share/ca-certificates ]; then
  FAMILY=debian
  DEST="/usr/local/share/ca-certificates/$NAME.crt"
else
  echo "certbench: no supported trust store layout (RHEL anchors or Debian ca-certificates)" >&2
  exit 2
fi

if [ -f "$DEST" ] && [ "$(cat "$DEST")" = "$PEM" ]; then
  echo "certbench: $NAME already installed at $DEST"
else
  umask 022
  printf '%s\\n' "$PEM" > "$DEST.certbench-tmp"
  mv -f "$DEST.certbench-tmp" "$DEST"
  case "$FAMILY" in
    rhel) update-ca-trust extract ;;
    debian) update-ca-certificates ;;
  esac
  echo "certbench: installed $DEST"
fi

if command -v openssl >/dev/null 2>&1; then
  GOT=$(openssl x509 -in "$DEST" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' | tr 'A-F' 'a-f')
  if [ "$GOT" != "$SHA256" ]; then
    echo "certbench: fingerprint mismatch in $DEST: $GOT" >&2
    exit 3
  fi
fi

for DB in "$@"; do
  if certutil -L -d "sql:$DB" -n "$NAME" >/dev/null 2>&1; then
    echo "certbench: already in NSS database $DB"
  else
    certutil -A -d "sql:$DB" -t 'C,,' -n "$NAME" -i "$DEST"
    echo "certbench: added to NSS database $DB"
  fi
done
`;
}
