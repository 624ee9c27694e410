// electron-builder configuration: Windows NSIS, macOS dmg, Linux AppImage + deb.
// `npm run dist` builds for the current OS. Electron fuses switch off what a desktop app that
// never runs user scripts does not need: NODE_OPTIONS, the inspector, loading code from outside
// the integrity-checked asar.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.certbench.app',
  productName: 'Certbench',
  copyright: 'Copyright © 2026 Certbench contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // Run by a fresh elevated process (pkexec/osascript), outside the app's own asar reader.
  asarUnpack: ['dist/electron/elevation/elevated-runner.cjs'],
  electronFuses: {
    // On, on purpose: pkexec/osascript start the elevated runner as `env ELECTRON_RUN_AS_NODE=1
    // <this binary> <runner> <batch>` (docs/trust-stores.md §6), so the root side needs a Node it
    // can run; the alternatives were shipping a second Node or a shell helper (the shell string §6
    // removed). Cost: any local process may run this binary as Node, a runtime it could already run
    // as itself; on macOS that process inherits the app's entitlements (only allow-jit,
    // entitlements.mac.plist) and the folder grants the user gave Certbench. NODE_OPTIONS and the
    // inspector stay off and asar integrity on, so neither environment nor a debugger steers it.
    runAsNode: true,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  win: { target: [{ target: 'nsis', arch: ['x64', 'arm64'] }], icon: 'build/icon.png' },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    icon: 'build/icon.png',
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    maintainer: 'Certbench contributors',
    icon: 'build/icon.png',
    synopsis: 'Certificate workbench: inspect, chains, trust stores, Java keystores, keys and CSRs',
  },
};
