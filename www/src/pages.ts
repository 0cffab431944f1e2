// The pages of the PDFs opened lately, kept with their text views: while the text checked is
// still such a view, a finding's location names its page (第 N 页) as well as its line.
const known: { text: string; starts: number[] }[] = [];

/** Remembers a document's page starts (UTF-16 offsets into `text`); the last four are kept. */
export function rememberPages(text: string, starts: number[]): void {
  if (starts.length < 2) return;
  known.unshift({ text, starts });
  known.length = Math.min(known.length, 4);
}

/** For a text that is a remembered view, the 1-based page of an offset in it; otherwise null. */
export function pageFinder(text: string): ((offset: number) => number) | null {
  const found = known.find((k) => k.text === text);
  if (!found) return null;
  const { starts } = found;
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
