/**
 * The renderer is served from this custom scheme so its origin is fixed and distinct from any
 * web page or file:// URL; the IPC sender check and the protocol handler both use it.
 */
export const APP_SCHEME = 'certbench';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
