import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printJson, printLines, terminalSafe } from '../../../electron/cli/cli-io.js';
import { captureIo } from '../../helpers/capture-io.js';

describe('the CLI output layer', () => {
  it.each([
    ['ESC sequences', 'a\u001b[31mred\u001b[0m', 'a\\x1b[31mred\\x1b[0m'],
    ['CR, LF, TAB, BEL, NUL', 'a\rb\nc\td\u0007\u0000', 'a\\x0db\\x0ac\\x09d\\x07\\x00'],
    ['DEL and C1 (8-bit CSI)', 'x\u007fy\u009b2J', 'x\\x7fy\\x9b2J'],
    ['bidi overrides, isolates and marks', '\u202eevil\u2066i\u2069\u200f\u061c', '\\u{202e}evil\\u{2066}i\\u{2069}\\u{200f}\\u{61c}'],
    ['Unicode line separators', 'a\u2028b\u2029', 'a\\u{2028}b\\u{2029}'],
  ])('escapes %s', (_name, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
  });

  it('leaves printable Unicode as it is', () => {
    expect(terminalSafe('Zürich 日本語 🔒 CN=a\\,b → x')).toBe('Zürich 日本語 🔒 CN=a\\,b → x');
  });

  it('prints one line per string: a newline inside a value cannot start a line of its own', () => {
    const io = captureIo();
    printLines(io, ['Subject  CN=a\nForged: yes', 'second']);
    expect(io.stdout()).toBe('Subject  CN=a\\x0aForged: yes\nsecond\n');
  });

  it('JSON: the controls JSON.stringify leaves raw are escaped, and the value reads back unchanged', () => {
    const io = captureIo();
    const value = { subject: 'a\u009b\u202e\u007f\u001bb' };
    printJson(io, value);
    expect(io.stdout()).not.toMatch(/[\u007f-\u009f\u202e\u001b]/);
    expect(JSON.parse(io.stdout())).toEqual(value);
  });

  it('commands write only through the output layer (printLines, printJson, printWarning, writeContent)', async () => {
    const dir = new URL('../../../electron/cli/commands/', import.meta.url).pathname;
    for (const name of await readdir(dir)) {
      expect(await readFile(join(dir, name), 'utf8'), name).not.toMatch(/\bio\.(out|err)\(/);
    }
  });
});
