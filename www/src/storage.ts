// The draft in localStorage, so a reload loses nothing. Storage can be absent or full (private
// modes, portal sandboxes): then the page works without a draft.

export interface Draft {
  text: string;
  previousText: string;
}

export function loadDraft(key: string): Draft | null {
  try {
    const text = localStorage.getItem(`${key}:text`);
    const previousText = localStorage.getItem(`${key}:previous`);
    if (text === null && previousText === null) return null;
    return { text: text || '', previousText: previousText || '' };
  } catch {
    return null;
  }
}

/** Returns false when the draft could not be saved. */
/** Browsers keep about 5 million characters per site; a bigger draft is not even tried. */
const MAX_DRAFT_CHARS = 2_500_000;

export function saveDraft(key: string, draft: Draft): boolean {
  if (draft.text.length + draft.previousText.length > MAX_DRAFT_CHARS) return false;
  try {
    localStorage.setItem(`${key}:text`, draft.text);
    localStorage.setItem(`${key}:previous`, draft.previousText);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(`${key}:text`);
    localStorage.removeItem(`${key}:previous`);
  } catch {
    // nothing kept, nothing to clear
  }
}
