// The draft in localStorage, so a reload, a crash or a closed tab loses nothing. Each tab keeps
// its own draft (its id lives in sessionStorage, which a reload keeps and a new tab does not), so
// a second tab never overwrites the first one's text; a new tab starts from the newest draft of
// any tab. Storage can be absent or full (private modes, portal sandboxes): then the page works
// without a draft.

export interface Draft {
  text: string;
  previousText: string;
  /** The reviewer's 已核实 marks (marks.ts, as JSON): they belong with the text they were made on. */
  marks?: string;
}

/** Browsers keep about 5 million characters per site; a bigger draft is not even tried. */
const MAX_DRAFT_CHARS = 2_500_000;
/** Drafts of this many tabs are kept; older ones are dropped. */
const KEEP_TABS = 4;

interface Entry {
  tab: string;
  time: number;
}

function index(key: string): Entry[] {
  try {
    const list = JSON.parse(localStorage.getItem(`${key}:tabs`) || '[]');
    return Array.isArray(list) ? list.filter((e) => e && typeof e.tab === 'string' && typeof e.time === 'number') : [];
  } catch {
    return [];
  }
}

function read(prefix: string): Draft | null {
  const text = localStorage.getItem(`${prefix}:text`);
  const previousText = localStorage.getItem(`${prefix}:previous`);
  if (text === null && previousText === null) return null;
  return { text: text || '', previousText: previousText || '', marks: localStorage.getItem(`${prefix}:marks`) || '' };
}

function remove(prefix: string): void {
  localStorage.removeItem(`${prefix}:text`);
  localStorage.removeItem(`${prefix}:previous`);
  localStorage.removeItem(`${prefix}:marks`);
}

function newTab(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** This tab's draft store under `key`. */
export class DraftStore {
  private tab: string;

  constructor(private key: string) {
    let tab = '';
    try {
      tab = sessionStorage.getItem(`${key}:tab`) || '';
      if (!tab) {
        tab = newTab();
        sessionStorage.setItem(`${key}:tab`, tab);
      }
    } catch {
      tab = 'only';
    }
    this.tab = tab;
    // A duplicated tab inherits its original's sessionStorage, so its id too: whoever holds the id
    // already answers, and the newcomer takes an id of its own before its first save.
    try {
      const channel = new BroadcastChannel(`${key}:tabs`);
      channel.onmessage = (event: MessageEvent<{ hello?: string; taken?: string }>) => {
        if (event.data.hello === this.tab) channel.postMessage({ taken: this.tab });
        else if (event.data.taken === this.tab) {
          this.tab = newTab();
          sessionStorage.setItem(`${key}:tab`, this.tab);
        }
      };
      channel.postMessage({ hello: this.tab });
    } catch {
      // no BroadcastChannel (or no storage): one id per tab as before
    }
  }

  /** This tab's draft after a reload; in a new tab, the newest draft of any tab (or the pre-tab one). */
  load(): Draft | null {
    try {
      const own = read(`${this.key}:${this.tab}`);
      if (own) return own;
      const list = index(this.key).sort((a, b) => b.time - a.time);
      for (const entry of list) {
        const draft = read(`${this.key}:${entry.tab}`);
        if (draft) return draft;
      }
      return read(this.key);
    } catch {
      return null;
    }
  }

  /** Returns false when the draft could not be saved. */
  save(draft: Draft): boolean {
    const marks = draft.marks || '';
    if (draft.text.length + draft.previousText.length + marks.length > MAX_DRAFT_CHARS) return false;
    const prefix = `${this.key}:${this.tab}`;
    try {
      const list = index(this.key).filter((e) => e.tab !== this.tab);
      list.push({ tab: this.tab, time: Date.now() });
      list.sort((a, b) => b.time - a.time);
      for (const old of list.splice(KEEP_TABS)) remove(`${this.key}:${old.tab}`);
      remove(this.key);
      localStorage.setItem(`${this.key}:tabs`, JSON.stringify(list));
      localStorage.setItem(`${prefix}:text`, draft.text);
      localStorage.setItem(`${prefix}:previous`, draft.previousText);
      if (marks) localStorage.setItem(`${prefix}:marks`, marks);
      else localStorage.removeItem(`${prefix}:marks`);
      return true;
    } catch {
      return false;
    }
  }

  /** Empties this tab's draft: kept as empty, so a reload does not fall back to another tab's. */
  clear(): void {
    this.save({ text: '', previousText: '' });
  }
}
