// The “已核实” column of the batch summary. A unit sends its report with the marks file the page
// exports (…_已核实标记.tsv, `fingerprint<TAB>note` lines — the same file `nianbao check --accept`
// reads); dropped or chosen with the reports, its marks apply to the whole batch. A fingerprint
// names one finding of one report (rule, cells and values), so marks do not leak between reports.
import { parseMarksTsv } from './marks';
import type { ReviewMarks } from './marks';
import type { CheckResult } from './types';

/** Whether a file of the batch is a marks file rather than a report. */
export function isMarksFile(name: string): boolean {
  return /\.tsv$/i.test(name);
}

/** Adds the marks of a marks file's text to `into`. */
export function addMarks(into: ReviewMarks, text: string): void {
  parseMarksTsv(text).forEach((mark, fingerprint) => into.set(fingerprint, mark));
}

/** The fingerprints of a result's findings, kept per report so marks arriving later still count. */
export function fingerprintsOf(result: CheckResult): string[] {
  return result.diagnostics.map((d) => d.fingerprint).filter(Boolean);
}

/** How many of a report's findings are marked 已核实. */
export function markedFindings(fingerprints: string[], marks: ReviewMarks): number {
  let marked = 0;
  for (const f of fingerprints) if (marks.has(f)) marked++;
  return marked;
}
