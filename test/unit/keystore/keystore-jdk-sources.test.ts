import { describe, expect, it } from 'vitest';
import type { ProcessOutput, ProcessRequest, ProcessRunner } from '../../../electron/services/process/process-runner.js';
import type { DiscoveryContext } from '../../../electron/services/keystore/jdk-candidate.js';
import { homebrewCandidates, javaHomeToolCandidates, macBundleCandidates } from '../../../electron/services/keystore/jdk-sources-macos.js';
import { parseAlternatives } from '../../../electron/services/keystore/jdk-sources-linux.js';
import { programFilesCandidates, registryCandidates, REGISTRY_KEYS } from '../../../electron/services/keystore/jdk-sources-windows.js';

/*
 * macOS and Windows sources cannot run here: these tests replay synthesized samples of the
 * documented output formats (no capture) and check the exact argv each source runs.
 */

class Recorder implements ProcessRunner {
  readonly calls: ProcessRequest[] = [];
  constructor(private readonly answer: (r: ProcessRequest) => Partial<ProcessOutput>) {}
  async run(request: ProcessRequest): Promise<ProcessOutput> {
    this.calls.push(request);
    return { exitCode: 0, stdout: '', stderr: '', ...this.answer(request) };
  }
}

function context(platform: NodeJS.Platform, runner: ProcessRunner, dirs: Record<string, string[]> = {}, env: NodeJS.ProcessEnv = {}): DiscoveryContext {
  return { env, platform, homeDir: '/Users/ana', runner, listDir: async (p) => dirs[p] ?? [] };
}

const JAVA_HOME_V_BIG_SUR = [
  'Matching Java Virtual Machines (3):',
  '    17.0.2 (arm64) "Oracle Corporation" - "Java SE 17.0.2" /Library/Java/JavaVirtualMachines/jdk-17.0.2.jdk/Contents/Home',
  '    11.0.14.1 (x86_64) "Eclipse Adoptium" - "OpenJDK 11.0.14.1" /Library/Java/JavaVirtualMachines/temurin-11.jdk/Contents/Home',
  '    1.8.0_322 (x86_64) "Amazon.com Inc." - "Amazon Corretto 8" /Users/ana b/Library/Java/JavaVirtualMachines/corretto-1.8.0_322/Contents/Home',
  '',
].join('\n');
const JAVA_HOME_V_CATALINA = [
  'Matching Java Virtual Machines (2):',
  '    1.8.0_292, x86_64:\t"AdoptOpenJDK 8"\t/Library/Java/JavaVirtualMachines/adoptopenjdk-8.jdk/Contents/Home',
  '    11.0.2, x86_64:\t"OpenJDK 11.0.2"\t/Library/Java/JavaVirtualMachines/jdk-11.0.2.jdk/Contents/Home',
  '',
].join('\n');

describe('macOS JDK sources', () => {
  it('runs /usr/libexec/java_home -V and parses its stderr (Big Sur and older formats)', async () => {
    for (const [stderr, count] of [[JAVA_HOME_V_BIG_SUR, 3], [JAVA_HOME_V_CATALINA, 2]] as const) {
      const runner = new Recorder(() => ({ stderr, stdout: '/Library/Java/JavaVirtualMachines/jdk-17.0.2.jdk/Contents/Home\n' }));
      const found = await javaHomeToolCandidates(context('darwin', runner, {}, { JAVA_TOOL_OPTIONS: '-Dx' }));
      expect(runner.calls[0]).toMatchObject({ file: '/usr/libexec/java_home', args: ['-V'] });
      expect(runner.calls[0]!.env?.JAVA_TOOL_OPTIONS).toBeUndefined();
      expect(found).toHaveLength(count);
    }
    const big = await javaHomeToolCandidates(context('darwin', new Recorder(() => ({ stderr: JAVA_HOME_V_BIG_SUR }))));
    expect(big[0]).toEqual({ home: '/Library/Java/JavaVirtualMachines/jdk-17.0.2.jdk/Contents/Home', source: 'java_home -V', version: '17.0.2', vendor: 'Oracle Corporation' });
    expect(big[2]!.home).toBe('/Users/ana b/Library/Java/JavaVirtualMachines/corretto-1.8.0_322/Contents/Home');
    const old = await javaHomeToolCandidates(context('darwin', new Recorder(() => ({ stderr: JAVA_HOME_V_CATALINA }))));
    expect(old[0]).toMatchObject({ version: '1.8.0_292', vendor: 'AdoptOpenJDK 8', home: '/Library/Java/JavaVirtualMachines/adoptopenjdk-8.jdk/Contents/Home' });
  });

  it('yields nothing when java_home is missing or fails', async () => {
    const failing = new Recorder(() => ({ exitCode: 1, stderr: 'Unable to find any JVMs matching version "(null)".' }));
    expect(await javaHomeToolCandidates(context('darwin', failing))).toEqual([]);
  });

  it('lists system and user bundles and Homebrew kegs one level deeper than the keg', async () => {
    const dirs = {
      '/Library/Java/JavaVirtualMachines': ['temurin-21.jdk', '.DS_Store'],
      '/Users/ana/Library/Java/JavaVirtualMachines': ['corretto-17.0.9'],
      '/opt/homebrew/opt': ['openjdk', 'openjdk@17', 'openssl@3'],
      '/opt/homebrew/Cellar': ['openjdk@11'],
      '/opt/homebrew/Cellar/openjdk@11': ['11.0.21'],
    };
    const runner = new Recorder(() => ({}));
    expect((await macBundleCandidates(context('darwin', runner, dirs))).map((c) => c.home)).toEqual([
      '/Library/Java/JavaVirtualMachines/temurin-21.jdk/Contents/Home',
      '/Users/ana/Library/Java/JavaVirtualMachines/corretto-17.0.9/Contents/Home',
    ]);
    expect((await homebrewCandidates(context('darwin', runner, dirs))).map((c) => c.home)).toEqual([
      '/opt/homebrew/opt/openjdk/libexec/openjdk.jdk/Contents/Home',
      '/opt/homebrew/opt/openjdk@17/libexec/openjdk.jdk/Contents/Home',
      '/opt/homebrew/Cellar/openjdk@11/11.0.21/libexec/openjdk.jdk/Contents/Home',
    ]);
  });
});

const REG_JAVASOFT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\JavaSoft\\JDK',
  '    CurrentVersion    REG_SZ    17',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\JavaSoft\\JDK\\17.0.2',
  '    JavaHome    REG_SZ    C:\\Program Files\\Java\\jdk-17.0.2',
  '    RuntimeLib    REG_SZ    C:\\Program Files\\Java\\jdk-17.0.2\\bin\\server\\jvm.dll',
  '',
].join('\r\n');
const REG_ADOPTIUM = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Eclipse Adoptium\\JDK\\17.0.6.10\\hotspot\\MSI',
  '    Path    REG_SZ    C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.6.10-hotspot\\',
  '    Main    REG_DWORD    0x1',
  '',
].join('\r\n');

describe('Windows JDK sources', () => {
  it('queries every vendor key in both registry views with an absolute reg.exe and parses the homes', async () => {
    const runner = new Recorder((r) => {
      if (r.args[1] === 'HKLM\\SOFTWARE\\JavaSoft\\JDK') return { stdout: REG_JAVASOFT };
      if (r.args[1] === 'HKLM\\SOFTWARE\\Eclipse Adoptium') return { stdout: REG_ADOPTIUM };
      return { exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
    });
    const found = await registryCandidates(context('win32', runner, {}, { SystemRoot: 'C:\\Windows' }));
    expect(runner.calls.map((c) => c.file)).toEqual(REGISTRY_KEYS.map(() => 'C:\\Windows\\System32\\reg.exe'));
    expect(runner.calls[0]!.args).toEqual(['query', 'HKLM\\SOFTWARE\\JavaSoft\\JDK', '/s']);
    expect(runner.calls.map((c) => c.args[1])).toContain('HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\JDK');
    expect(found).toEqual([
      { home: 'C:\\Program Files\\Java\\jdk-17.0.2', source: 'registry', version: '17.0.2' },
      { home: 'C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.6.10-hotspot', source: 'registry', version: '17.0.6.10' },
    ]);
  });

  it('lists vendor folders under every Program Files directory', async () => {
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', ProgramW6432: 'C:\\Program Files' };
    const dirs = { 'C:\\Program Files\\Java': ['jdk-21', 'jre1.8.0_401'], 'C:\\Program Files (x86)\\Microsoft': ['jdk-11.0.16.101-hotspot'] };
    const found = await programFilesCandidates(context('win32', new Recorder(() => ({})), dirs, env));
    expect(found.map((c) => c.home)).toEqual([
      'C:\\Program Files\\Java\\jdk-21',
      'C:\\Program Files\\Java\\jre1.8.0_401',
      'C:\\Program Files (x86)\\Microsoft\\jdk-11.0.16.101-hotspot',
    ]);
  });
});

describe('Linux update-alternatives output', () => {
  it('maps each java binary to its home, Java 8 JREs included', () => {
    const out = '/usr/lib/jvm/java-17-openjdk-amd64/bin/java\n/usr/lib/jvm/java-8-openjdk-amd64/jre/bin/java\n';
    expect(parseAlternatives(out).map((c) => c.home)).toEqual(['/usr/lib/jvm/java-17-openjdk-amd64', '/usr/lib/jvm/java-8-openjdk-amd64/jre']);
  });
});
