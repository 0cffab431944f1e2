// Adds the page's stylesheet once per document. A constructed stylesheet is not an inline <style>,
// so host pages whose CSP forbids inline styles still get it; older kernels fall back to <style>.
import css from './style.css';

const installed = new WeakMap<Document, string[]>();

/** `text` defaults to the page's stylesheet; a part only the standalone page has passes its own. */
export function installStyles(doc: Document, text: string = css): void {
  const done = installed.get(doc) || [];
  if (done.indexOf(text) !== -1) return;
  installed.set(doc, done.concat([text]));
  const adoptable = doc as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
  try {
    const sheet = new CSSStyleSheet() as CSSStyleSheet & { replaceSync(text: string): void };
    sheet.replaceSync(text);
    if (!adoptable.adoptedStyleSheets) throw new Error('no adoptedStyleSheets');
    adoptable.adoptedStyleSheets = adoptable.adoptedStyleSheets.concat([sheet]);
  } catch {
    const style = doc.createElement('style');
    style.setAttribute('data-nb', '');
    style.textContent = text;
    doc.head.appendChild(style);
  }
}
