import { z } from 'zod';

/*
 * The strict CSP (no eval, no inline scripts or styles) refuses two probes libraries make on their
 * own: zod's eval check for its JIT, and React Aria's injected <style> for touch-action. Zod runs
 * without the JIT; React Aria skips its <style> when an element with this id exists, and
 * components.css carries its rule instead. Imported first by main.tsx, before any schema exists.
 */
z.config({ jitless: true });
const pressableStyleMarker = document.createElement('meta');
pressableStyleMarker.id = 'react-aria-pressable-style';
document.head.append(pressableStyleMarker);
