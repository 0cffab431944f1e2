// The seed reports the standalone page offers as examples: their texts travel after the wasm in
// the page's one LZMA stream (NUL-separated UTF-16LE), decoded once for both.
import seeds from 'nianbao:seeds';
import { bytesAfterWasm } from './wasm-bytes';
import type { Example } from './types';

export function seedExamples(): Example[] {
  const texts = new TextDecoder('utf-16le').decode(bytesAfterWasm()).split('\0');
  if (texts.length !== seeds.list.length) throw new Error(`seeds: ${texts.length} texts, ${seeds.list.length} expected`);
  return seeds.list.map((s, i) => ({ id: s.id, title: s.title, text: texts[i] }));
}
