// The seed reports the standalone page offers as examples, unpacked from the build's LZMA stream.
import seeds from 'nianbao:seeds';
import { lzmaDecodeBase64 } from './lzma';
import type { Example } from './types';

export function seedExamples(): Example[] {
  const texts = new TextDecoder('utf-8').decode(lzmaDecodeBase64(seeds.lzma)).split('\0');
  return seeds.list.map((s, i) => ({ id: s.id, title: s.title, text: texts[i] }));
}
