// The page's own API (mount, check, the embed global): hand-written, unlike the core's contract
// types in types.ts, which are generated and re-export these.
import type { CheckResult } from './types';

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
