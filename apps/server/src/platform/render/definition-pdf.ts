import { AppError } from '../errors.js';
import { FIXED_DATE, FONT, engine } from './engine.js';

/**
 * A PDF from a pdfmake document definition written in code (a report, a journal extract), in the same
 * font and with the same guards as rendered documents: Tinos, no network, no files but the fonts.
 */
export async function pdfFromDefinition(definition: Record<string, unknown>, title: string): Promise<Buffer> {
  try {
    return await engine()
      .createPdf({
        ...definition,
        info: { title, creator: 'uslugi', producer: 'uslugi', creationDate: FIXED_DATE },
        defaultStyle: { font: FONT, fontSize: 9, ...(definition.defaultStyle as object | undefined) },
      })
      .getBuffer();
  } catch (error) {
    throw new AppError('render_failed', `pdfmake: ${(error as Error).message}`);
  }
}
