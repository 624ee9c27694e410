/** Bounds on what may cross IPC, so a hostile or buggy page cannot make main allocate without limit. */
export const LIMITS = {
  /** Largest input file Certbench opens (also the cap on base64 payloads, decoded). */
  maxInputBytes: 32 * 1024 * 1024,
  /** Base64 of maxInputBytes, rounded up. */
  maxBase64Chars: Math.ceil((32 * 1024 * 1024) / 3) * 4,
  maxPathChars: 4096,
  maxPasswordChars: 1024,
  maxPemTextChars: 8 * 1024 * 1024,
  maxNameChars: 1024,
  maxListItems: 10_000,
} as const;
