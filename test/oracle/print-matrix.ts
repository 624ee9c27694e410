/** `npm run oracle`: prints the scenario × client matrix (real verdict vs Certbench's). */
import { CLIENT_IDS, type ClientId } from './verdict.js';
import { formatMatrix, runOracle, unexplained } from './run-oracle.js';

const wanted = process.argv.slice(2).filter((a) => (CLIENT_IDS as readonly string[]).includes(a)) as ClientId[];
const cases = process.argv.slice(2).filter((a) => a.startsWith('case=')).map((a) => a.slice(5));
const result = await runOracle({ clients: wanted.length ? wanted : undefined, only: cases.length ? (s) => cases.includes(s.id) : undefined });
console.log(formatMatrix(result));
const open = unexplained(result);
if (open.length) console.log(`\nUnexplained disagreements:\n${open.join('\n')}`);
const details = process.argv.includes('--details');
if (details) {
  for (const row of result.rows) {
    for (const [client, cell] of Object.entries(row.cells)) console.log(`${row.scenario.id}\t${client}\t${cell.real.verdict}\t${cell.real.detail}`);
    console.log(`${row.scenario.id}\tcertbench\t${row.error ?? row.report?.diagnoses.map((d) => `[${d.severity}] ${d.code}`).join(' ')}`);
    for (const e of row.report?.diagnoses.find((d) => d.code === 'tls-inspection')?.evidence ?? []) console.log(`${row.scenario.id}\tevidence\t${e}`);
  }
}
process.exitCode = open.length ? 1 : 0;
