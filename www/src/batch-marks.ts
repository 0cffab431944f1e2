// The “已核实” column of the batch summary: how many of a report's findings are marked as
// checked-and-kept. The marks module (issue 20 item 1) provides the real count at merge; until
// then a finding counts when the contract itself says it was accepted (a field the CLI's
// `--accept` may add), so the column reads 0 for every report today.
import type { CheckResult, Diagnostic } from './types';

export function markedFindings(result: CheckResult): number {
  let marked = 0;
  for (const d of result.diagnostics) {
    if ((d as Diagnostic & { accepted?: unknown }).accepted) marked++;
  }
  return marked;
}
