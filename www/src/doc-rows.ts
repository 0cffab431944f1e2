// The outlines of the documents read lately (crates/nianbao_docs_wasm gives one with each text
// view: which lines are table rows, and where their cells stand). A check of exactly such a
// text hands its outline to the checker, which then reads each row from its cells, so no cell
// boundary is guessed from separators. Any other text — a view the user has edited — is
// checked as text.
//
// Kept by text, oldest dropped first, while the texts add up to at most KEPT_UNITS: a batch's
// reports are all read before they are paired and checked again with last year's, so many are
// kept; they are the very strings the batch holds, and an outline is a few bytes a row.
const known = new Map<string, string>();
let units = 0;

/** UTF-16 units of the texts kept (300 reports of 50 000 characters). */
const KEPT_UNITS = 15_000_000;

export function rememberOutline(text: string, outline: string): void {
  if (known.delete(text)) units -= text.length;
  known.set(text, outline);
  units += text.length;
  for (const [old] of known) {
    if (units <= KEPT_UNITS || old === text) break;
    known.delete(old);
    units -= old.length;
  }
}

/** The outline of the document whose text view `text` is, if it was read lately. */
export function outlineOf(text: string | undefined): string | undefined {
  return known.get(text as string);
}
