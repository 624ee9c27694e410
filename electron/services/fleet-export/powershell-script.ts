import { toBase64 } from '../../../shared/pki/bytes.js';
import type { FleetRoot } from './fleet-root.js';

/**
 * A Windows PowerShell 5.1 script for Intune, GPO or SCCM: imports the certificate into
 * Cert:\LocalMachine\Root (intermediates: \CA), so services running as SYSTEM trust it too.
 * Idempotent (exits 0 when the thumbprint is already there), and it refuses to import bytes
 * whose thumbprint differs from the one baked in. The certificate travels as base64 in a
 * single-quoted here-string, which PowerShell never interpolates. Checked textually here; not
 * run on a Windows machine.
 */
export function buildPowershellScript(root: FleetRoot): string {
  const store = root.role === 'intermediate' ? 'CA' : 'Root';
  const base64 = (toBase64(root.der).match(/.{1,76}/g) ?? []).join('\n');
  return `#Requires -RunAsAdministrator
# Certbench fleet export: trust ${root.safeSubject}
# SHA-256 ${root.sha256}
$ErrorActionPreference = 'Stop'
$expectedThumbprint = '${root.thumbprint}'
$storePath = 'Cert:\\LocalMachine\\${store}'
$certificateBase64 = @'
${base64}
'@

if (Test-Path -LiteralPath (Join-Path $storePath $expectedThumbprint)) {
  Write-Output "Already trusted: $expectedThumbprint in $storePath"
  exit 0
}
$bytes = [Convert]::FromBase64String(($certificateBase64 -replace '\\s', ''))
$certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (,$bytes)
if ($certificate.Thumbprint -ne $expectedThumbprint) {
  [Console]::Error.WriteLine("Thumbprint mismatch: expected $expectedThumbprint, got $($certificate.Thumbprint)")
  exit 2
}
$temporaryFile = Join-Path ([IO.Path]::GetTempPath()) ('certbench-' + [Guid]::NewGuid().ToString('N') + '.cer')
try {
  [IO.File]::WriteAllBytes($temporaryFile, $bytes)
  Import-Certificate -FilePath $temporaryFile -CertStoreLocation $storePath | Out-Null
} finally {
  Remove-Item -LiteralPath $temporaryFile -Force -ErrorAction SilentlyContinue
}
if (-not (Test-Path -LiteralPath (Join-Path $storePath $expectedThumbprint))) {
  [Console]::Error.WriteLine("Import reported success but $expectedThumbprint is not in $storePath")
  exit 3
}
Write-Output "Trusted: $expectedThumbprint in $storePath"
`;
}
