// Many reports at once: each file is opened the way the single view opens it (decode.ts: text,
// .docx/.html through the core, PDF as the page can), checked in the worker, and reduced to its
// summary figures; the text is kept for the cross-year check and the full view. Once every file
// is read, reports of one agency in consecutive years are paired and the later one is checked
// again with the earlier as last year's report. Only a few files are in flight at a time and every
// step starts from a timer, so the page keeps drawing however many reports are dropped.
import { checkInWorker } from './checker';
import { openError, openFile } from './decode';
import { addMarks, fingerprintsOf, isMarksFile, markedFindings } from './batch-marks';
import type { ReviewMarks } from './marks';
import type { PickedFile } from './batch-files';
import type { CheckResult, Format } from './types';

/** waiting → reading → read → checking → done (→ cross → done when paired), or refused/failed. */
export type EntryState = 'waiting' | 'reading' | 'read' | 'checking' | 'done' | 'cross' | 'refused' | 'failed';

export interface Entry {
  id: number;
  /** As shown: the file's path inside a dropped folder, else its name. */
  path: string;
  state: EntryState;
  /** Why the file could not be opened or checked (zh-CN), else null. */
  message: string | null;
  /** The decoded text (kept for the cross-year check and the full view). */
  text: string | null;
  /** The encoding, or how a document was read. */
  how: string | null;
  title: string | null;
  agency: string | null;
  year: number | null;
  format: Format | null;
  errors: number;
  warnings: number;
  infos: number;
  cellsRead: number;
  cellsExpected: number;
  /** Findings marked 已核实 by a marks file of the batch (batch-marks.ts). */
  marked: number;
  /** The fingerprints of its findings, so a marks file read later still counts. */
  fingerprints: string[];
  /** Last year's report of the same agency in this batch, when exactly one is. */
  previous: Entry | null;
  /** The next year's report that takes this one as its previous, if any. */
  next: Entry | null;
  /** Another report in the batch has the same agency and year: neither is paired. */
  duplicate: boolean;
  /** The previous report the figures above were checked with (undefined: not checked yet). */
  checkedWith: Entry | null | undefined;
  /** Cross-year findings (warnings and errors) when checked with a previous report, else null. */
  crossYear: number | null;
  /** Why the cross-year check could not run (the core's cross-year-mismatch), else null. */
  crossNote: string | null;
}

export interface Progress {
  done: number;
  total: number;
  busy: boolean;
}

/**
 * Files being read at once: each read is a round trip to the browser's file store, cheap when
 * many overlap and slow one after another. Checks queued in the worker at once: enough that it
 * never waits for the main thread, few enough that a new drop's files are not stuck behind them.
 */
const READS = 16;
const CHECKS = 6;

const firstPass = (e: Entry) => e.state === 'waiting' || e.state === 'reading' || e.state === 'read' || e.state === 'checking';

/**
 * The key reports of one agency share: its name without spaces and punctuation, and without a
 * trailing 人民政府/管委会 (titles say "平潭县人民政府" one year and "平潭县" the next). Null when the
 * core found no agency: such a report is never paired.
 */
export function agencyKey(agency: string | null): string | null {
  if (!agency) return null;
  const key = agency
    .replace(/[\s\u3000（）()【】[\]《》〈〉“”"'‘’、，,。.·•\-—_:：;；]/g, '')
    .replace(/(人民政府|管理委员会|管委会)$/, '');
  return key.length >= 2 ? key : null;
}

/**
 * Pairs the read reports: each with the report of the same agency for the year before, when the
 * batch holds exactly one report of that agency for each of the two years.
 */
export function pairUp(entries: Entry[]): void {
  const byKey = new Map<string, Entry[]>();
  for (const e of entries) {
    e.previous = null;
    e.next = null;
    e.duplicate = false;
    const key = e.state === 'done' || e.state === 'cross' ? agencyKey(e.agency) : null;
    if (key === null || e.year === null) continue;
    const slot = `${key}\u0000${e.year}`;
    const list = byKey.get(slot);
    if (list) list.push(e);
    else byKey.set(slot, [e]);
  }
  byKey.forEach((list) => {
    if (list.length > 1) list.forEach((e) => { e.duplicate = true; });
  });
  byKey.forEach((list, slot) => {
    if (list.length !== 1) return;
    const [key, year] = slot.split('\u0000');
    const before = byKey.get(`${key}\u0000${Number(year) - 1}`);
    if (before && before.length === 1) {
      list[0].previous = before[0];
      before[0].next = list[0];
    }
  });
}

function crossYearFigures(result: CheckResult): { count: number; note: string | null } {
  let count = 0;
  let note: string | null = null;
  for (const d of result.diagnostics) {
    if (d.code.indexOf('cross-year') !== 0) continue;
    if (d.severity === 'info') note = note || d.message;
    else count++;
  }
  return { count, note };
}

function record(e: Entry, result: CheckResult, previous: Entry | null): void {
  const { report, summary } = result;
  e.title = report.title;
  e.agency = report.agency;
  e.year = report.year;
  e.format = report.format;
  e.errors = summary.errors;
  e.warnings = summary.warnings;
  e.infos = summary.infos;
  e.cellsRead = summary.cells_read;
  e.cellsExpected = summary.cells_expected;
  e.fingerprints = fingerprintsOf(result);
  e.checkedWith = previous;
  const cross = previous ? crossYearFigures(result) : null;
  e.crossYear = cross ? cross.count : null;
  e.crossNote = cross ? cross.note : null;
}

export class Batch {
  entries: Entry[] = [];
  /** When the newest run started and when it went idle (performance.now()), for the page and the bench. */
  startedAt = 0;
  finishedAt = 0;
  private files = new Map<number, File>();
  private nextId = 1;
  private reading = 0;
  private checking = 0;
  private generation = 0;
  private scheduled = false;
  /** Marks from the batch's marks files, by fingerprint. */
  private marks: ReviewMarks = new Map();
  private marksPending = 0;
  /** A report was read since the last pairing: the batch is not finished before it is paired. */
  private unpaired = false;

  /** `changed` is called after every step (the view throttles its drawing). */
  constructor(private changed: () => void) {}

  add(picked: PickedFile[]): void {
    if (!picked.length) return;
    if (!this.busy()) {
      this.startedAt = performance.now();
      this.finishedAt = 0;
    }
    for (const { file, path } of picked) {
      if (isMarksFile(file.name)) {
        this.readMarks(file);
        continue;
      }
      const id = this.nextId++;
      this.files.set(id, file);
      this.entries.push({
        id, path, state: 'waiting', message: null, text: null, how: null, title: null, agency: null, year: null,
        format: null, errors: 0, warnings: 0, infos: 0, cellsRead: 0, cellsExpected: 0, marked: 0, fingerprints: [],
        previous: null, next: null, duplicate: false, checkedWith: undefined, crossYear: null, crossNote: null,
      });
    }
    this.schedule();
  }

  /** Reads a marks file (…_已核实标记.tsv) and counts its marks on every report of the batch. */
  private readMarks(file: File): void {
    const generation = this.generation;
    this.marksPending++;
    file.text().then((text) => {
      if (generation !== this.generation) return;
      addMarks(this.marks, text);
      this.recount();
    }, () => undefined).then(() => {
      if (generation !== this.generation) return;
      this.marksPending--;
      this.changed();
    });
  }

  private recount(): void {
    for (const e of this.entries) e.marked = markedFindings(e.fingerprints, this.marks);
  }

  /** Forgets every report; answers still on their way are dropped. */
  clear(): void {
    this.generation++;
    this.marks = new Map();
    this.marksPending = 0;
    this.entries = [];
    this.files.clear();
    this.reading = 0;
    this.checking = 0;
    this.unpaired = false;
    this.startedAt = 0;
    this.finishedAt = 0;
    this.changed();
  }

  busy(): boolean {
    return this.unpaired || this.marksPending > 0 || this.entries.some((e) => firstPass(e) || e.state === 'cross') || this.stale() !== undefined;
  }

  /** Steps done of the steps known: a read-and-check per file, a second check per pair. */
  progress(): Progress {
    let done = 0;
    let total = 0;
    for (const e of this.entries) {
      total++;
      if (e.state === 'done' || e.state === 'cross' || e.state === 'refused' || e.state === 'failed') done++;
      if (e.previous) {
        total++;
        if (e.state === 'done' && e.checkedWith === e.previous) done++;
      }
    }
    return { done, total, busy: this.busy() };
  }

  /** A read report whose figures were checked with another previous report than its pairing's. */
  private stale(): Entry | undefined {
    if (this.entries.some(firstPass)) return undefined;
    return this.entries.filter((e) => e.state === 'done' && e.checkedWith !== e.previous)[0];
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.step();
    }, 0);
  }

  private step(): void {
    for (let i = 0; i < this.entries.length && this.reading < READS; i++) {
      if (this.entries[i].state === 'waiting') this.read(this.entries[i]);
    }
    for (let i = 0; i < this.entries.length && this.checking < CHECKS; i++) {
      if (this.entries[i].state === 'read') this.check(this.entries[i], null);
    }
    // Pairs are known only once every report is read: the previous year may be the last file.
    if (!this.entries.some(firstPass)) {
      pairUp(this.entries);
      this.unpaired = false;
      for (const e of this.entries) {
        if (this.checking >= CHECKS) break;
        if (e.state === 'done' && e.checkedWith !== e.previous) this.check(e, e.previous);
      }
    }
    if (!this.busy() && this.entries.length && !this.finishedAt) this.finishedAt = performance.now();
    this.changed();
  }

  private read(e: Entry): void {
    const generation = this.generation;
    const file = this.files.get(e.id) as File;
    e.state = 'reading';
    this.reading++;
    const settle = (then: () => void) => {
      if (generation !== this.generation) return;
      this.reading--;
      this.files.delete(e.id);
      then();
      this.schedule();
    };
    openFile(file).then((decoded) => settle(() => {
      e.text = decoded.text;
      e.how = decoded.encoding;
      e.state = 'read';
    }), (error: unknown) => settle(() => {
      e.state = 'refused';
      e.message = openError(file.name, error);
    }));
  }

  /** Checks `e`, with `previous` as last year's report when its pairing has one. */
  private check(e: Entry, previous: Entry | null): void {
    const generation = this.generation;
    e.state = previous ? 'cross' : 'checking';
    this.checking++;
    const settle = (then: () => void) => {
      if (generation !== this.generation) return;
      this.checking--;
      then();
      this.schedule();
    };
    checkInWorker(e.text || '', previous && previous.text ? previous.text : undefined).then(
      (result) => settle(() => {
        record(e, result, previous);
        e.marked = markedFindings(e.fingerprints, this.marks);
        e.state = 'done';
        if (!previous) this.unpaired = true;
      }),
      (error: unknown) => settle(() => {
        const message = error instanceof Error ? error.message : String(error);
        if (previous) {
          // The report's own figures stand; only the cross-year check is missing.
          e.state = 'done';
          e.checkedWith = previous;
          e.crossYear = null;
          e.crossNote = `跨年度核对未能完成：${message}`;
        } else {
          e.state = 'failed';
          e.message = message;
        }
      }),
    );
  }
}
