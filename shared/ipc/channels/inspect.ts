/** Channel names of the inspect domain; must equal the keys of contracts/inspect.ts (unit-tested). */
export const INSPECT_CHANNELS = ['inspect.open', 'inspect.bytes', 'inspect.text', 'inspect.detail', 'inspect.export'] as const;
