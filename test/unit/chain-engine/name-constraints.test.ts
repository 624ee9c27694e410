import { describe, expect, it } from 'vitest';
import { constraintSyntaxFault, nameConstraintViolation } from '../../../shared/pki/chain/name-constraints.js';
import type { GeneralName } from '../../../shared/pki/chain/general-names.js';

const dns = (value: string): GeneralName => ({ kind: 'dns', value });
const email = (value: string): GeneralName => ({ kind: 'email', value });
const ipRange = (...octets: number[]): GeneralName => ({ kind: 'ip', bytes: Uint8Array.from(octets) });
const ip = (...octets: number[]): GeneralName => ({ kind: 'ip', bytes: Uint8Array.from(octets) });

describe('RFC 5280 §4.2.1.10 name constraints', () => {
  it('permits a DNS subtree and its subdomains, nothing else', () => {
    const nc = { permitted: [dns('example.com')] };
    expect(nameConstraintViolation(nc, [dns('example.com')])).toBeUndefined();
    expect(nameConstraintViolation(nc, [dns('a.b.EXAMPLE.com')])).toBeUndefined();
    expect(nameConstraintViolation(nc, [dns('badexample.com')])).toMatch(/outside/);
    // Other name forms are not constrained by a DNS-only permit.
    expect(nameConstraintViolation(nc, [ip(192, 0, 2, 1)])).toBeUndefined();
  });

  it('judges wildcard SANs by every name they could match', () => {
    expect(nameConstraintViolation({ excluded: [dns('bar.example.com')] }, [dns('*.example.com')])).toMatch(/excluded/);
    expect(nameConstraintViolation({ excluded: [dns('a.bar.example.com')] }, [dns('*.example.com')])).toBeUndefined();
    expect(nameConstraintViolation({ permitted: [dns('foo.example.com')] }, [dns('*.example.com')])).toMatch(/outside/);
    expect(nameConstraintViolation({ permitted: [dns('example.com')] }, [dns('*.example.com')])).toBeUndefined();
  });

  it('matches IP addresses under a mask', () => {
    const nc = { permitted: [ipRange(10, 0, 0, 0, 255, 0, 0, 0)], excluded: [ipRange(10, 9, 0, 0, 255, 255, 0, 0)] };
    expect(nameConstraintViolation(nc, [ip(10, 1, 2, 3)])).toBeUndefined();
    expect(nameConstraintViolation(nc, [ip(11, 1, 2, 3)])).toMatch(/outside/);
    expect(nameConstraintViolation(nc, [ip(10, 9, 1, 1)])).toMatch(/excluded/);
  });

  it('treats mailbox, host and domain email constraints differently, asterisks literally', () => {
    expect(nameConstraintViolation({ permitted: [email('example.com')] }, [email('a@example.com')])).toBeUndefined();
    expect(nameConstraintViolation({ permitted: [email('example.com')] }, [email('a@sub.example.com')])).toMatch(/outside/);
    expect(nameConstraintViolation({ permitted: [email('.example.com')] }, [email('a@sub.example.com')])).toBeUndefined();
    expect(nameConstraintViolation({ permitted: [email('*@example.com')] }, [email('user@example.com')])).toMatch(/outside/);
    expect(nameConstraintViolation({ permitted: [email('*@example.com')] }, [email('*@example.com')])).toBeUndefined();
  });

  it('fails closed on forms it cannot compare, only when present', () => {
    const nc = { excluded: [{ kind: 'other', typeId: '1.2.3' } as GeneralName] };
    expect(nameConstraintViolation(nc, [dns('example.com')])).toBeUndefined();
    expect(nameConstraintViolation(nc, [{ kind: 'other', typeId: '1.2.3' }])).toMatch(/excluded/);
  });

  it('refuses to evaluate a quadratic blow-up', () => {
    const many = Array.from({ length: 1100 }, (_, i) => dns(`n${i}.example.com`));
    expect(nameConstraintViolation({ permitted: many }, many)).toMatch(/too many/);
  });

  it('rejects malformed constraints', () => {
    expect(constraintSyntaxFault({ permitted: [dns('.example.com')] })).toMatch(/not a valid domain/);
    expect(constraintSyntaxFault({ permitted: [ipRange(10, 0, 0, 0, 255, 0, 255, 0)] })).toMatch(/contiguous/);
    expect(constraintSyntaxFault({ permitted: [email('a@b@example.com')] })).toMatch(/not a mailbox/);
    expect(constraintSyntaxFault({ permitted: [dns('example.com')] })).toBeUndefined();
  });
});
