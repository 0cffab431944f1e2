// "已核实，不改": findings a reviewer checked and keeps, each with a short note. A mark is attached
// to the finding's fingerprint, which the core computes (docs/data-contract.md): it follows the
// finding across re-checks and edits elsewhere, and a changed value gives the finding a new
// fingerprint, so it is open again. Marks travel as `fingerprint<TAB>note` lines — the format
// `nianbao check --accept FILE` reads. The summary of many reports can count them with
// `acceptedCount(result, marks)`.
import type { CheckResult, Diagnostic } from './types';

export interface ReviewMark {
  note: string;
  /** When it was marked (ms since 1970), so old marks can be dropped first. */
  time: number;
}

/** fingerprint → mark. */
export type ReviewMarks = Map<string, ReviewMark>;

/** Longest note kept (a short reason, not a document). */
export const MAX_NOTE = 200;
/** Marks kept per draft; the oldest go first. */
const KEEP_MARKS = 500;

export function markOf(d: Diagnostic, marks: ReviewMarks): ReviewMark | undefined {
  return d.fingerprint ? marks.get(d.fingerprint) : undefined;
}

export function isAccepted(d: Diagnostic, marks: ReviewMarks): boolean {
  return markOf(d, marks) !== undefined;
}

/** Findings of the result that carry a mark (any severity). */
export function acceptedCount(result: CheckResult, marks: ReviewMarks): number {
  return result.diagnostics.filter((d) => isAccepted(d, marks)).length;
}

/** Errors not marked: what the verdict counts. */
export function openErrors(result: CheckResult, marks: ReviewMarks): number {
  return result.diagnostics.filter((d) => d.severity === 'error' && !isAccepted(d, marks)).length;
}

/** One line, no TAB: the note is one field of a line. */
export function cleanNote(note: string): string {
  return note.replace(/[\t\r\n]+/g, ' ').trim().slice(0, MAX_NOTE);
}

/** The marks in the `--accept` format, newest last; only those of `result` when given. */
export function marksTsv(marks: ReviewMarks, result?: CheckResult): string {
  const wanted = result ? new Set(result.diagnostics.map((d) => d.fingerprint)) : null;
  const lines = ['# 年报校验 已核实、不改的问题：每行“指纹<TAB>备注”，供 nianbao check --accept 使用'];
  marks.forEach((mark, fingerprint) => {
    if (!wanted || wanted.has(fingerprint)) lines.push(`${fingerprint}\t${cleanNote(mark.note)}`);
  });
  return lines.join('\r\n') + '\r\n';
}

/** Reads `fingerprint<TAB>note` lines (as the core's `Accepted::parse` does). */
export function parseMarksTsv(text: string, time = Date.now()): ReviewMarks {
  const marks: ReviewMarks = new Map();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n?|\n/)) {
    if (!raw.trim() || raw.charAt(0) === '#') continue;
    const tab = raw.indexOf('\t');
    const fingerprint = (tab < 0 ? raw : raw.slice(0, tab)).trim().toLowerCase();
    if (/^[0-9a-f]{16}$/.test(fingerprint)) marks.set(fingerprint, { note: cleanNote(tab < 0 ? '' : raw.slice(tab + 1)), time });
  }
  return marks;
}

/** Marks as stored with the draft: a plain object, bounded. */
export function marksToJson(marks: ReviewMarks): string {
  const entries: [string, ReviewMark][] = [];
  marks.forEach((mark, fingerprint) => entries.push([fingerprint, mark]));
  entries.sort((a, b) => a[1].time - b[1].time);
  const kept: Record<string, ReviewMark> = {};
  for (const [fingerprint, mark] of entries.slice(-KEEP_MARKS)) kept[fingerprint] = mark;
  return JSON.stringify(kept);
}

export function marksFromJson(json: string | null): ReviewMarks {
  const marks: ReviewMarks = new Map();
  if (!json) return marks;
  try {
    const stored = JSON.parse(json) as Record<string, Partial<ReviewMark>>;
    for (const fingerprint of Object.keys(stored || {})) {
      const mark = stored[fingerprint];
      if (mark && typeof mark.note === 'string') marks.set(fingerprint, { note: cleanNote(mark.note), time: Number(mark.time) || 0 });
    }
  } catch {
    // a damaged entry: no marks rather than no page
  }
  return marks;
}

/**
 * The result as the CLI's `--accept` prints it: each marked finding with `accepted`, and the
 * summary with `accepted` and `open_errors`. Without marks on this result it is unchanged.
 */
export function withAccepted(result: CheckResult, marks: ReviewMarks): CheckResult {
  const count = acceptedCount(result, marks);
  if (!count) return result;
  return {
    ...result,
    summary: { ...result.summary, accepted: count, open_errors: openErrors(result, marks) },
    diagnostics: result.diagnostics.map((d) => {
      const mark = markOf(d, marks);
      return mark ? { ...d, accepted: { note: mark.note } } : d;
    }),
  };
}
