// Opening a marks file (`fingerprint<TAB>note` lines, as "导出已核实标记" writes them), so marks made
// by a colleague, or kept for the CLI's --accept, come back into the page. Read with FileReader:
// Blob.text() is newer than the old kernels the page supports.
import { el } from './dom';

export function marksFileButton(onText: (text: string, name: string) => void, onError: (name: string) => void): HTMLElement {
  const input = el('input', { type: 'file', accept: '.tsv,.txt,text/plain,text/tab-separated-values', class: 'nb-visually-hidden nb-marks-file', tabindex: '-1', 'aria-hidden': 'true' });
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => onText(String(reader.result || ''), file.name);
    reader.onerror = () => onError(file.name);
    reader.readAsText(file, 'utf-8');
  });
  const button = el('button', { type: 'button', class: 'nb-button', 'data-action': 'import-marks', onclick: () => input.click() }, '导入已核实标记');
  return el('span', { class: 'nb-file' }, button, input);
}
