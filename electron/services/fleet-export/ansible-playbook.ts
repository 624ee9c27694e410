import type { FleetRoot } from './fleet-root.js';

/** Optional extra targets of a Linux fleet export. */
export interface LinuxFleetOptions {
  readonly nssDbs?: readonly string[];
  readonly javaCacerts?: readonly string[];
}

/**
 * A YAML list of paths tagged `!unsafe`, so Ansible never evaluates `{{ }}` inside a user's path,
 * written as JSON strings (valid YAML double-quoted scalars).
 */
function unsafeList(paths: readonly string[] = []): string {
  return paths.length === 0 ? '[]' : `[${paths.map((p) => `!unsafe ${JSON.stringify(p)}`).join(', ')}]`;
}

/**
 * An Ansible playbook for Debian and RHEL family fleets: the PEM anchor in the family's directory
 * and its refresh command (as a handler, so an unchanged host is not refreshed), then optional
 * NSS databases (`certutil -A … -t C,,`) and JDK cacerts (`keytool -importcert`, password via
 * `-storepass:env`), each checked first so a second run changes nothing.
 */
export function buildAnsiblePlaybook(root: FleetRoot, options: LinuxFleetOptions = {}): string {
  const pem = root.pem.trimEnd().split('\n').map((l) => `      ${l}`).join('\n');
  return `---
# Certbench fleet export: trust ${root.safeSubject}
# SHA-256 ${root.sha256}
# ansible-playbook -i INVENTORY ${root.name}.yml
#   optional: -e '{"certbench_nss_dbs": ["/home/agent/.pki/nssdb"], "certbench_java_cacerts": ["/opt/jdk/lib/security/cacerts"]}'
- name: Trust ${root.name} on Debian and RHEL family hosts
  hosts: all
  become: true
  gather_facts: true
  vars:
    certbench_ca_name: ${root.name}
    certbench_ca_sha256: "${root.sha256}"
    certbench_ca_pem: |
${pem}
    certbench_nss_dbs: ${unsafeList(options.nssDbs)}
    certbench_java_cacerts: ${unsafeList(options.javaCacerts)}
    certbench_java_storepass: changeit
  tasks:
    - name: Refuse OS families without a known trust store layout
      ansible.builtin.fail:
        msg: "Certbench's playbook supports the Debian and RedHat families, not {{ ansible_facts['os_family'] }}"
      when: ansible_facts['os_family'] not in ['Debian', 'RedHat']

    - name: Pick the anchor file of this OS family
      ansible.builtin.set_fact:
        certbench_ca_file: "{{ ('/etc/pki/ca-trust/source/anchors/' ~ certbench_ca_name ~ '.pem') if ansible_facts['os_family'] == 'RedHat' else ('/usr/local/share/ca-certificates/' ~ certbench_ca_name ~ '.crt') }}"

    - name: Install the CA certificate as a PEM system anchor
      ansible.builtin.copy:
        content: "{{ certbench_ca_pem }}"
        dest: "{{ certbench_ca_file }}"
        owner: root
        group: root
        mode: "0644"
      notify: Refresh the system trust store

    - name: Refresh before the NSS and Java steps read the anchor
      ansible.builtin.meta: flush_handlers

    - name: Look for the certificate in each NSS database
      ansible.builtin.command:
        argv: [certutil, -L, -d, "sql:{{ item }}", -n, "{{ certbench_ca_name }}"]
      loop: "{{ certbench_nss_dbs }}"
      register: certbench_nss_check
      changed_when: false
      failed_when: false

    - name: Add it as a TLS root (C,,) where it is missing
      ansible.builtin.command:
        argv: [certutil, -A, -d, "sql:{{ item.item }}", -t, "C,,", -n, "{{ certbench_ca_name }}", -i, "{{ certbench_ca_file }}"]
      loop: "{{ certbench_nss_check.results }}"
      when: item.rc != 0

    - name: Look for the certificate in each JDK cacerts
      ansible.builtin.command:
        argv: [keytool, -J-Duser.language=en, -list, -keystore, "{{ item }}", -storepass:env, CERTBENCH_STOREPASS, -alias, "{{ certbench_ca_name }}"]
      environment:
        CERTBENCH_STOREPASS: "{{ certbench_java_storepass }}"
      loop: "{{ certbench_java_cacerts }}"
      register: certbench_java_check
      changed_when: false
      failed_when: false

    - name: Import it into each JDK cacerts where it is missing
      ansible.builtin.command:
        argv: [keytool, -J-Duser.language=en, -importcert, -noprompt, -trustcacerts, -alias, "{{ certbench_ca_name }}", -file, "{{ certbench_ca_file }}", -keystore, "{{ item.item }}", -storepass:env, CERTBENCH_STOREPASS]
      environment:
        CERTBENCH_STOREPASS: "{{ certbench_java_storepass }}"
      loop: "{{ certbench_java_check.results }}"
      when: item.rc != 0

  handlers:
    - name: Refresh the system trust store
      ansible.builtin.command:
        argv: "{{ ['update-ca-trust', 'extract'] if ansible_facts['os_family'] == 'RedHat' else ['update-ca-certificates'] }}"
`;
}
