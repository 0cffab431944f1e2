// Parsed, cached views of the engine's static data (rule catalogue, table layouts, display words, version) on the
// main thread; call only after engineReady() has resolved.
import { engineVersion, ruleCatalogueJson, tableLayoutJson, wordsJson } from './engine';
import type { Layout, Rule, Words } from './types';

let rules: Map<string, Rule> | null = null;
const layouts = new Map<string, Layout>();

export function ruleMap(): Map<string, Rule> {
  if (!rules) {
    rules = new Map();
    for (const rule of JSON.parse(ruleCatalogueJson()) as Rule[]) rules.set(rule.code, rule);
  }
  return rules;
}

export function layoutFor(format: string): Layout {
  let layout = layouts.get(format);
  if (!layout) {
    layout = JSON.parse(tableLayoutJson(format)) as Layout;
    layouts.set(format, layout);
  }
  return layout;
}

let words: Words | null = null;

/** The core's display words (`naming::words`): the front ends keep no copy. */
export function coreWords(): Words {
  return words || (words = JSON.parse(wordsJson()) as Words);
}

export function coreVersion(): string {
  return engineVersion();
}
