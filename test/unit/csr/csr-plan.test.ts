import { describe, expect, it } from 'vitest';
import { planCsr } from '../../../shared/csr/plan.js';
import { parseSubjectString } from '../../../shared/csr/subject.js';
import { templateSpec } from '../../../shared/csr/templates.js';
import type { CsrSpec } from '../../../shared/model/csr.js';
import { describeKeyType } from '../../../shared/model/keys-constants.js';

const spec = (over: Partial<CsrSpec> = {}): CsrSpec => ({ ...templateSpec('tls-server', 'ec'), subject: { CN: 'app.example' }, ...over });
const messages = (issues: { message: string }[]) => issues.map((i) => i.message).join(' | ');

describe('planCsr', () => {
  it('adds the CN to the SANs first, once, and orders the subject most significant first', () => {
    const plan = planCsr(spec({ subject: { CN: 'App.Example', O: 'Example', C: 'us' }, sans: [{ type: 'dns', value: 'app.example' }, { type: 'dns', value: 'www.app.example' }] }), describeKeyType('ec-p256'));
    expect(plan.errors).toEqual([]);
    expect(plan.subject).toEqual([
      { field: 'C', value: 'US' },
      { field: 'O', value: 'Example' },
      { field: 'CN', value: 'App.Example' },
    ]);
    expect(plan.sans).toEqual([
      { type: 'dns', value: 'app.example' },
      { type: 'dns', value: 'www.app.example' },
    ]);
  });

  it('reports errors per field and per SAN row', () => {
    const plan = planCsr(spec({ subject: { CN: 'x'.repeat(65), C: 'USA' }, sans: [{ type: 'ip', value: '300.1.1.1' }, { type: 'dns', value: 'ok.example' }] }), describeKeyType('rsa-2048'));
    expect(plan.errors.map((e) => e.where)).toEqual(['subject.C', 'subject.CN', 'sans.0']);
  });

  it('skips empty placeholder rows and needs a CN or a SAN', () => {
    expect(planCsr(spec({ subject: {}, sans: [{ type: 'dns', value: '  ' }] }), describeKeyType('ec-p256')).errors).toEqual([
      { where: 'subject.CN', message: 'Enter a Common Name or at least one SAN' },
    ]);
  });

  it('warns about what CAs and Apple clients reject', () => {
    const noSan = planCsr(spec({ subject: { CN: 'Jane Doe' } }), describeKeyType('ec-p256'));
    expect(messages(noSan.warnings)).toContain('No SAN');
    expect(messages(noSan.warnings)).toContain('not a host name');
    expect(messages(planCsr(spec(), { family: 'rsa', bits: 1024, label: 'RSA 1024' }).warnings)).toContain('RSA 1024 is refused');
    expect(messages(planCsr(spec({ hash: 'SHA-256' }), describeKeyType('ec-p384')).warnings)).toContain('P-384 pairs with SHA-384');
    expect(messages(planCsr(spec(), describeKeyType('ed25519')).warnings)).toContain('not accepted by most CAs');
    expect(messages(planCsr(spec({ sans: [{ type: 'ip', value: '192.168.1.1' }, { type: 'dns', value: 'nas.local' }] }), describeKeyType('ec-p256')).warnings)).toContain(
      'internal names or private IPs: 192.168.1.1, nas.local',
    );
  });

  it('drops keyEncipherment for non-RSA keys with a warning', () => {
    const plan = planCsr(spec({ keyUsage: ['digitalSignature', 'keyEncipherment'] }), describeKeyType('ec-p256'));
    expect(plan.keyUsage).toEqual(['digitalSignature']);
    expect(messages(plan.warnings)).toContain('keyEncipherment');
  });

  it('lists duplicates once with a warning', () => {
    const plan = planCsr(spec({ sans: [{ type: 'dns', value: 'APP.example' }] }), describeKeyType('ec-p256'));
    expect(plan.sans).toHaveLength(1);
    expect(messages(plan.warnings)).toContain('listed twice');
  });
});

describe('subject strings', () => {
  it('parses RFC 4514 escapes and openssl slash form', () => {
    expect(parseSubjectString('CN=app.example, O=Example\\, Inc.,C=US,E=a@b.example')).toEqual({ CN: 'app.example', O: 'Example, Inc.', C: 'US', emailAddress: 'a@b.example' });
    expect(parseSubjectString('/C=DE/ST=Bayern/CN=x.example')).toEqual({ C: 'DE', ST: 'Bayern', CN: 'x.example' });
    expect(parseSubjectString('CN=a\\2Cb')).toEqual({ CN: 'a,b' });
  });

  it.each([
    ['CN=a,CN=b', 'twice'],
    ['XX=a', 'Unknown subject attribute'],
    ['justtext', 'NAME=value'],
  ])('refuses %j', (text, message) => {
    expect(() => parseSubjectString(text)).toThrow(message);
  });
});
