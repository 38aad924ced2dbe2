// The placeholder vocabulary as a Markdown table, for docs/templates.md (written by
// `npm run templates:samples`; test/templates-samples.test.ts checks the doc holds this very table).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_KIND_TITLES, DOCUMENT_KINDS, PLACEHOLDERS, type PlaceholderDef } from '@uslugi/contracts';

export const TEMPLATES_DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/templates.md',
);
const START = '<!-- vocabulary:start (generated from PLACEHOLDERS by npm run templates:samples) -->';
const END = '<!-- vocabulary:end -->';

const TYPE_TITLES: Record<PlaceholderDef['type'], string> = {
  text: 'текст',
  flag: 'условие (да/нет)',
  list: 'список',
};

function written(def: Pick<PlaceholderDef, 'name' | 'type'>): string {
  return def.type === 'text' ? `\`{${def.name}}\`` : `\`{#${def.name}}…{/${def.name}}\``;
}

export function vocabularyMarkdown(): string {
  const rows = PLACEHOLDERS.map((def) => {
    const kinds =
      !def.kinds || def.kinds.length === DOCUMENT_KINDS.length
        ? 'все'
        : def.kinds.map((k) => DOCUMENT_KIND_TITLES[k]).join('; ');
    const fields = def.fields?.map((f) => `\`{${f.name}}\` — ${f.title}`).join('<br>') ?? '';
    return `| ${written(def)} | ${def.title} | ${TYPE_TITLES[def.type]} | ${kinds} | ${fields} |`;
  });
  return [
    START,
    '| Поле | Что означает | Тип | Виды документов | Поля элемента списка |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    END,
  ].join('\n');
}

/** The doc with its vocabulary section replaced by the current one. */
export function withVocabulary(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/templates.md: no vocabulary markers');
  return doc.slice(0, start) + vocabularyMarkdown() + doc.slice(end + END.length);
}

/** A Markdown table's line as its content: Prettier pads the cells and the rule, nothing else. */
export function tableLine(line: string): string {
  return line
    .trim()
    .replace(/\s*\|\s*/g, '|')
    .replace(/-{3,}/g, '---');
}

/**
 * The doc's vocabulary section, line by line as content, blank lines left out (Prettier puts them around
 * the table): equal to `vocabularyMarkdown()`'s lines when current.
 */
export function vocabularyIn(doc: string): string[] {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return [];
  return doc
    .slice(start, end + END.length)
    .split('\n')
    .map(tableLine)
    .filter((line) => line !== '');
}
