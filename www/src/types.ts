// The result contract (schema nianbao/1, docs/data-contract.md) and the other values the wasm
// boundary returns, as TypeScript types. Offsets are UTF-16 code units: they index JS strings.

/** [start, end) in UTF-16 code units of the checked text. */
export type Span = [number, number];

/** A count (integer), money in 元 as a decimal string, or null for a placeholder such as "/". */
export type CellValue = number | string | null;

export interface Cell {
  value: CellValue;
  /** The cell as printed in the text. */
  text: string;
  span: Span;
  /** 1-based line number. */
  line: number;
  /** Pre-2019 statistics rows only. */
  label?: string;
  parent?: string | null;
  unit?: string | null;
}

export type Format = 'f2019' | 'f2021' | 'old' | 'unknown';
export type Severity = 'error' | 'warning' | 'info';

export interface Section {
  number: number;
  title: string;
  line: number;
  span: Span;
}

export interface YearAt {
  year: number;
  span: Span;
  line: number;
}

export interface Report {
  title: string | null;
  agency: string | null;
  year: number | null;
  format: Format;
  sections: Section[];
  /** The year the title states; span and line are the title's. Null when the title has none. */
  title_year: YearAt | null;
  /** The statistics period's year ("统计期限为2020年…") and where it is printed. */
  period: YearAt | null;
  /** The table format the notices require for `year`; null without a year. */
  required_format: Format | null;
  /** Printed captions of the pre-2019 breakdown tables, by table prefix ("pct.1"). */
  table_captions: Record<string, string>;
  /** Cell path → cell; null when the format has the cell but the text leaves it empty or unreadable. */
  cells: Record<string, Cell | null>;
}

export interface Summary {
  cells_expected: number;
  cells_read: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Only when marks are given (CLI `--accept`, the page's export with marks): findings marked 已核实. */
  accepted?: number;
  /** Only with marks: errors not marked, what the verdict counts. */
  open_errors?: number;
}

export interface DiagnosticLabel {
  span: Span;
  line: number;
  column: number;
  message: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  cells: string[];
  expected: string | null;
  actual: string | null;
  span: Span;
  line: number;
  column: number;
  notes: string[];
  help: string | null;
  labels: DiagnosticLabel[];
  /** What a 已核实 mark is attached to: code, cells with their values, amounts (16 hex digits). */
  fingerprint: string;
  /** Only on a finding marked 已核实，不改, when marks are given. */
  accepted?: { note: string };
}

export interface Repair {
  /** Cell path → the value it needs, as the contract prints values. */
  changes: Record<string, string>;
}

export interface CheckResult {
  schema: 'nianbao/1';
  report: Report;
  summary: Summary;
  diagnostics: Diagnostic[];
  repairs: Repair[];
}

/** One entry of the rule catalogue (`ruleCatalogue()`). */
export interface Rule {
  code: string;
  severity: Severity;
  summary: string;
  explanation: string;
  formula: string;
  example: string;
}

export interface LayoutColumn {
  key: string;
  label: string;
}

/** The official layout of tables 二/三/四 (`tableLayout(format)`); `{}` for old/unknown formats. */
export interface Layout {
  /** Captions of tables 二, 三 and 四. */
  titles?: { t2: string; t3: string; t4: string };
  t2?: { key: string; label: string; item: string; columns: LayoutColumn[] }[];
  /**
   * `header` spans every column; each group spans `span` columns from index `first`.
   * Rows with an empty key are group headings.
   */
  t3?: {
    header: string;
    groups: { label: string; first: number; span: number }[];
    columns: LayoutColumn[];
    rows: { key: string; label: string; level: number }[];
  };
  t4?: { groups: LayoutColumn[]; columns: LayoutColumn[] };
  /** Every cell of tables 二/三/四 with the name the page shows: "表三（七）总计 自然人". */
  names?: Record<string, string>;
}

/** The core's display words (`words()`). */
export interface Words {
  severities: Record<Severity, string>;
  formats: Record<Format, string>;
  /** Table names by a path's first part: t2, t3, t4, old, pct. */
  tables: Record<string, string>;
  /** How `expected` and `actual` are named, by code; `default` for the rest. */
  values: Record<string, [string, string]>;
  /** Words naming cells outside the official tables. */
  cells: { old: string; cumulative: string; pct: string; count: string; percent: string };
}

/** An example report the page offers as a button. */
export interface Example {
  id: string;
  title: string;
  text: string;
}

export interface MountOptions {
  /** Initial report text; wins over a saved draft. */
  text?: string;
  /** Initial text of last year's report. */
  previousText?: string;
  /** Example reports offered as buttons. */
  examples?: Example[];
  /** localStorage key under which the draft is kept; omitted or null keeps no draft. */
  storageKey?: string | null;
  /** Returns the page's own HTML for the "下载离线版" button; omitted hides the button. */
  offlineHtml?: () => string;
  /** Called after every check with the result contract. */
  onResult?: (result: CheckResult) => void;
  /** Delay after the last keystroke before re-checking, in ms (default 300). */
  debounceMs?: number;
}

export interface Mounted {
  setText(text: string, previousText?: string): void;
  getText(): string;
  /** Resolves with the result of checking the current text. */
  check(): Promise<CheckResult>;
  destroy(): void;
}

/** The one global the page and the embed script define. */
export interface NianbaoApi {
  mount(element: HTMLElement, options?: MountOptions): Mounted;
  /**
   * Checks a report: its text, or HTML markup (a string starting with `<`) or a DOM element
   * (its outerHTML) read from their tables. Offsets in the result refer to the text view that
   * `readHtml` gives for the same input.
   */
  check(input: string | Element, previousText?: string): Promise<CheckResult>;
  /** The text view of HTML markup or an element: each table row one line, cells TAB-separated. */
  readHtml(input: string | Element): Promise<{ kind: 'docx' | 'html'; text: string; notes: string[] }>;
  version(): Promise<string>;
}
