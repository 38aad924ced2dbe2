import PizZip from 'pizzip';
import { placeholderFor, type DocumentKind, type PlaceholderDef } from '@uslugi/contracts';
import { AppError } from '../../platform/errors.js';
import { templateTags, type TemplateTag } from '../../platform/render/index.js';

type Lookup = (name: string) => Pick<PlaceholderDef, 'name' | 'type' | 'fields'> | undefined;

/** Names used in `tags` that `lookup` does not know; a list's loop is checked against its fields. */
function unknownIn(tags: readonly TemplateTag[], lookup: Lookup, prefix: string): string[] {
  return tags.flatMap((tag) => {
    const def = lookup(tag.name);
    if (!def) return [prefix + tag.name];
    if (!tag.section) return [];
    if (def.type === 'list') {
      const fields = def.fields ?? [];
      return unknownIn(tag.inner, (name) => fields.find((f) => f.name === name), `${tag.name}.`);
    }
    // A condition on a flag (or a text being present): its inside sees the same vocabulary.
    return unknownIn(tag.inner, lookup, prefix);
  });
}

/** Lists and flags written as a plain `{name}` (they would print «[object Object]» or «true»). */
function listsAsText(tags: readonly TemplateTag[], lookup: Lookup, prefix: string): string[] {
  return tags.flatMap((tag) => {
    const def = lookup(tag.name);
    if (!def) return [];
    if (!tag.section) return def.type === 'text' ? [] : [prefix + tag.name];
    if (def.type === 'list') {
      const fields = def.fields ?? [];
      return listsAsText(tag.inner, (name) => fields.find((f) => f.name === name), `${tag.name}.`);
    }
    return listsAsText(tag.inner, lookup, prefix);
  });
}

/**
 * Checks an uploaded template against the placeholder vocabulary of its kind: every placeholder must
 * be one the kind has, every tag inside a list's loop one of the list's fields. Refuses a file that is
 * not a DOCX or whose tags do not parse (`template_invalid`), and names the unknown placeholders
 * (`template_placeholder_unknown`, `placeholders`), and a list or a flag written as a plain field
 * (`template_placeholder_misused`). Returns the kind's placeholders it uses.
 */
export function checkTemplate(content: Buffer, kind: DocumentKind): string[] {
  let hasBody = false;
  try {
    hasBody = new PizZip(content).file('word/document.xml') !== null;
  } catch {
    hasBody = false;
  }
  if (!hasBody) throw new AppError('template_invalid', 'not a DOCX: no word/document.xml');
  const tags = templateTags(content);
  const unknown = [...new Set(unknownIn(tags, (name) => placeholderFor(name, kind), ''))];
  if (unknown.length > 0) {
    throw new AppError(
      'template_placeholder_unknown',
      `placeholders unknown for ${kind}: ${unknown.join(', ')}`,
      undefined,
      { placeholders: unknown },
    );
  }
  const misused = [...new Set(listsAsText(tags, (name) => placeholderFor(name, kind), ''))];
  if (misused.length > 0) {
    throw new AppError(
      'template_placeholder_misused',
      `lists or flags used as text in ${kind}: ${misused.join(', ')}`,
      undefined,
      { placeholders: misused },
    );
  }
  return [...new Set(namesIn(tags, kind))];
}

/** The kind's placeholders the tags name, inside conditions too (a list's fields are its own). */
function namesIn(tags: readonly TemplateTag[], kind: DocumentKind): string[] {
  return tags.flatMap((tag) => [
    tag.name,
    ...(tag.section && placeholderFor(tag.name, kind)?.type !== 'list' ? namesIn(tag.inner, kind) : []),
  ]);
}
