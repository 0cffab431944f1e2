// The page's own script, read while it runs (document.currentScript is set only then). The page
// starts its workers from it, so their code (and the wasm-bindgen glue) is not shipped a second
// time inside it (1.3 KB of the page gzipped). The embed script, loaded from a URL, has no text to read
// without a request, and carries its workers' bundles instead (scripts/build.mjs).
const current = typeof document === 'object' ? document.currentScript : null;

export const ownScript: string = (current && current.textContent) || '';
