/**
 * The few globals both runtimes (Node 20 and Chromium) provide that shared code may use. shared/
 * compiles without Node or DOM types so nothing runtime-specific slips in; these are declared once
 * here, with only the members shared code needs.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
