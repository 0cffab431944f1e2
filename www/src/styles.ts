// Adds the page's stylesheet once per document. A constructed stylesheet is not an inline <style>,
// so host pages whose CSP forbids inline styles still get it; older kernels fall back to <style>.
import css from './style.css';

const installed = new WeakSet<Document>();

export function installStyles(doc: Document): void {
  if (installed.has(doc)) return;
  installed.add(doc);
  const adoptable = doc as Document & { adoptedStyleSheets?: CSSStyleSheet[] };
  try {
    const sheet = new CSSStyleSheet() as CSSStyleSheet & { replaceSync(text: string): void };
    sheet.replaceSync(css);
    if (!adoptable.adoptedStyleSheets) throw new Error('no adoptedStyleSheets');
    adoptable.adoptedStyleSheets = adoptable.adoptedStyleSheets.concat([sheet]);
  } catch {
    const style = doc.createElement('style');
    style.setAttribute('data-nb', '');
    style.textContent = css;
    doc.head.appendChild(style);
  }
}
