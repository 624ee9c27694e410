// electron-builder configuration: Windows NSIS, macOS dmg, Linux AppImage + deb.
// `npm run dist` builds for the current OS. Electron fuses switch off what a desktop app that
// never runs user scripts does not need: running as plain Node, NODE_OPTIONS, the inspector.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.certbench.app',
  productName: 'Certbench',
  copyright: 'Copyright © 2026 Certbench contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  electronFuses: {
    // Elevation runs only system programs as root (/bin/sh with a constant script, docs/trust-stores.md
    // §6): nothing starts this binary as Node, and an AppImage's mount is unreadable to root anyway.
    runAsNode: false,
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
