/**
 * The renderer's Content-Security-Policy. renderer/index.html carries the same string in a meta
 * tag (a unit test keeps them equal); main also sends it as a header for every app:// response.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
