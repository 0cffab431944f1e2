// Notices when one text holds two reports (a report pasted into another, or pasted twice): two
// different title lines, two sets of table 三, or one title line repeated. Checked on the page, from the text alone, so
// the user learns it before reading findings that compare one report's prose with the other's tables.

/** A title line: "铁力市2020年政府信息公开工作年度报告", possibly with "（全文）" after it. */
const TITLE = /政府信息公开(工作)?年度报告([（(][^）)]{0,8}[）)])?$/;
/** The first row of table 三, alone on its line (its values after it or on the next lines). */
const TABLE3 = /^(一|1)?[、.．]?本年新收(的)?政府信息公开申请数量[\d\s|.]*$/;

interface Found {
  text: string;
  line: number;
}

/**
 * The lines that may be a title (they end in 告) or table 三's first row (it has 收), spaces
 * removed: normalizing every line of a 300-page PDF's text took tens of milliseconds.
 */
function lines(text: string, limit: number): Found[] {
  const found: Found[] = [];
  let start = 0;
  for (let line = 1; start <= text.length && line <= limit; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    if (raw.indexOf('告') >= 0 || raw.indexOf('收') >= 0) found.push({ text: raw.replace(/[\s\u3000]+/g, ''), line });
    start = end + 1;
  }
  return found;
}

/** A warning naming both reports, or null when the text looks like one report. */
export function mixedReports(text: string): string | null {
  // Bounded: a report is a few thousand lines; a 10 MB paste is not scanned past 200 000.
  const all = lines(text, 200000);
  const titles = all.filter((l) => l.text.length >= 14 && l.text.length <= 60 && TITLE.test(l.text)
    && !/^[《“"]|关于|通知|有关事项/.test(l.text));
  const tables = all.filter((l) => TABLE3.test(l.text));
  const other = titles.find((t) => t.text !== titles[0].text);
  if (other) {
    return `这段文字里似乎有两份报告：“${titles[0].text}”（第 ${titles[0].line} 行）和“${other.text}”（第 ${other.line} 行）。`
      + '表格和正文可能来自不同的报告，请只保留要校验的一份。';
  }
  if (tables.length >= 2) {
    const name = titles.length ? `“${titles[0].text}”` : '报告';
    return `这段文字里有两套统计表（第 ${tables[0].line} 行和第 ${tables[1].line} 行起）：${name}可能被粘贴了两次，或混入了另一份报告。请只保留要校验的一份。`;
  }
  if (titles.length >= 2) {
    return `标题“${titles[0].text}”出现了 ${titles.length} 次（第 ${titles[0].line} 行、第 ${titles[1].line} 行……）：同一份报告可能被粘贴了两次。请只保留一份。`;
  }
  return null;
}
