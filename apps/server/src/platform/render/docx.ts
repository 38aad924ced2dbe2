import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { AppError } from '../errors.js';

/** A placeholder a template uses: `{name}`, or a loop/condition `{#name}…{/name}` with its inner tags. */
export interface TemplateTag {
  name: string;
  /** `{#…}` or `{^…}`: a loop over a list or a condition on a flag. */
  section: boolean;
  /** The tags inside a section (a list's item fields). */
  inner: TemplateTag[];
}

/** Every file of a DOCX package gets this modification time, so equal input renders equal bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

function open(template: Buffer): PizZip {
  try {
    return new PizZip(template);
  } catch (error) {
    throw new AppError('template_invalid', `not a zip: ${(error as Error).message}`);
  }
}

function templater(zip: PizZip, options: Docxtemplater.DXT.ConstructorOptions = {}): Docxtemplater<PizZip> {
  try {
    return new Docxtemplater<PizZip>(zip, { paragraphLoop: true, linebreaks: true, ...options });
  } catch (error) {
    throw new AppError('template_invalid', describe(error));
  }
}

/** docxtemplater's multi-error, flattened into one line for the log. */
function describe(error: unknown): string {
  const e = error as {
    message?: string;
    properties?: { errors?: Array<{ message?: string; properties?: { explanation?: string } }> };
  };
  const inner = e.properties?.errors?.map((x) => x.properties?.explanation ?? x.message).join('; ');
  return inner ? `${e.message}: ${inner}` : String(e.message ?? error);
}

interface Part {
  type: string;
  value?: string;
  module?: string | null;
  subparsed?: Part[];
}

function tagsOf(parts: readonly Part[]): TemplateTag[] {
  return parts
    .filter((p) => p.type === 'placeholder' && p.value)
    .map((p) => ({
      name: p.value!,
      section: p.module === 'loop',
      inner: p.module === 'loop' ? tagsOf(p.subparsed ?? []) : [],
    }));
}

/**
 * The placeholders a DOCX template uses, as docxtemplater reads them (loops and conditions with their
 * inner tags), from the body, headers and footers. A file that is not a DOCX or whose tags do not
 * parse is `template_invalid`.
 */
export function templateTags(template: Buffer): TemplateTag[] {
  const doc = templater(open(template));
  const compiled = (doc as unknown as { compiled: Record<string, { postparsed: Part[] }> }).compiled;
  return Object.values(compiled).flatMap((c) => tagsOf(c.postparsed));
}

/**
 * Fills a DOCX template with a document's facts (docxtemplater syntax: `{name}`, loops and
 * conditions `{#list}…{/list}`, `{^flag}…{/flag}`). A placeholder without a value is a clear error
 * naming it (`template_data_missing` with `placeholders`), never a blank. The same template and
 * facts give the same bytes.
 */
export function renderDocx(template: Buffer, data: Record<string, unknown>): Buffer {
  const missing = new Set<string>();
  const doc = templater(open(template), {
    nullGetter: (part) => {
      if (part.value) missing.add(part.value);
      return '';
    },
  });
  try {
    doc.render(data);
  } catch (error) {
    throw new AppError('template_invalid', describe(error));
  }
  if (missing.size > 0) {
    const names = [...missing];
    throw new AppError('template_data_missing', `no data for ${names.join(', ')}`, undefined, {
      placeholders: names,
    });
  }
  const zip = doc.getZip();
  for (const file of Object.values(zip.files) as Array<{ date: Date }>) file.date = FIXED_DATE;
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
