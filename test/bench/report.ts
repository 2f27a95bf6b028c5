import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine';

/** One goal of the issue and whether this run met it. */
export interface Goal {
  name: string;
  /** undefined: not measurable in this run (say why in `detail`). */
  met: boolean | undefined;
  detail: string;
}

/** The result of one benchmark: a markdown table with its baseline side by side, goals and notes. */
export interface Section {
  title: string;
  /** What was measured, how, and against which baseline (one paragraph). */
  method: string;
  /** Header row then data rows. */
  table: string[][];
  goals: Goal[];
  notes: string[];
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

/** The generated part of BENCHMARKS.md: machine, versions, then every section with its goals. */
export function renderResults(machine: Machine, sections: Section[], scale: string): string {
  const versions = Object.entries(machine.versions)
    .map(([name, v]) => `${name} ${v}`)
    .join(', ');
  const out = [
    `Run of ${machine.date}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ` +
      `load average ${machine.loadAtStart} at the start. ${versions}.`,
    '',
    scale,
    '',
  ];
  const goals = sections.flatMap((s) => s.goals);
  out.push('| goal | result | |', '| --- | --- | --- |');
  for (const g of goals)
    out.push(`| ${g.name} | ${g.detail} | ${g.met === undefined ? 'n/a' : g.met ? 'met' : '**missed**'} |`);
  out.push('');
  for (const section of sections) {
    out.push(`### ${section.title}`, '', section.method, '', markdownTable(section.table), '');
    for (const note of section.notes) out.push(`- ${note}`);
    if (section.notes.length > 0) out.push('');
  }
  return out.join('\n');
}

/**
 * Put the generated results between the markers of BENCHMARKS.md, keeping the hand-written analysis
 * around them (a file without markers gets them appended).
 */
export function writeResults(file: string, results: string): void {
  const block = `${START}\n${results}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
