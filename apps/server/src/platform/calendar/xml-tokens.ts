import { AppError } from '../errors.js';

/**
 * A strict tokenizer for the small XML subset the xmlcalendar format needs: an optional XML declaration,
 * comments, whitespace between elements, start/end/empty-element tags with quoted attributes and the five
 * predefined entities or character references. Text content, CDATA, DOCTYPE and processing instructions
 * are refused: a calendar file never needs them, and accepting them would hide a wrong file.
 */

export interface XmlAttribute {
  value: string;
  line: number;
}

export type XmlToken =
  | { type: 'open'; name: string; attributes: Map<string, XmlAttribute>; selfClosing: boolean; line: number }
  | { type: 'close'; name: string; line: number };

/** The one error the parser throws: a validation error whose message names the line. */
export function xmlError(line: number, text: string): AppError {
  const message = `Строка ${line}: ${text}`;
  return new AppError('validation', message, [{ path: 'xml', message }]);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export class XmlTokenizer {
  private pos = 0;
  private line = 1;
  private lineCountedTo = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipDeclaration();
  }

  /** Line of a character offset, counted incrementally as the tokenizer moves forward. */
  lineAt(at: number): number {
    const offset = Math.min(at, this.text.length);
    if (offset < this.lineCountedTo) return this.text.slice(0, offset).split('\n').length;
    for (let i = this.lineCountedTo; i < offset; i++) if (this.text.charCodeAt(i) === 10) this.line++;
    this.lineCountedTo = offset;
    return this.line;
  }

  private fail(offset: number, text: string): never {
    throw xmlError(this.lineAt(offset), text);
  }

  private skipDeclaration(): void {
    if (!this.text.startsWith('<?xml', this.pos) || !isSpace(this.text.charCodeAt(this.pos + 5))) return;
    const end = this.text.indexOf('?>', this.pos);
    if (end < 0) this.fail(this.pos, 'объявление XML не закрыто');
    const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(this.text.slice(this.pos, end));
    if (encoding?.[1] !== undefined && encoding[1].toUpperCase() !== 'UTF-8') {
      this.fail(this.pos, `кодировка "${encoding[1]}" не поддерживается, нужна UTF-8`);
    }
    this.pos = end + 2;
  }

  /** The next tag, or null at the end of the text. */
  next(): XmlToken | null {
    const { text } = this;
    for (;;) {
      while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= text.length) return null;
      const start = this.pos;
      if (text.charCodeAt(start) !== 60 /* < */) {
        const snippet = text.slice(start, start + 20).split(/[\r\n<]/)[0] ?? '';
        this.fail(start, `недопустимый текст "${snippet}"`);
      }
      if (text.startsWith('<!--', start)) {
        const end = text.indexOf('-->', start + 4);
        if (end < 0) this.fail(start, 'комментарий не закрыт');
        this.pos = end + 3;
        continue;
      }
      if (text.startsWith('<?', start))
        this.fail(start, 'инструкция обработки допустима только в начале файла');
      if (text.startsWith('<!', start))
        this.fail(start, 'конструкции <!DOCTYPE и <![CDATA[ не поддерживаются');
      return text.charCodeAt(start + 1) === 47 /* / */ ? this.closeTag(start) : this.openTag(start);
    }
  }

  private readName(at: number): string | null {
    NAME.lastIndex = at;
    const match = NAME.exec(this.text);
    return match ? match[0] : null;
  }

  private closeTag(start: number): XmlToken {
    const line = this.lineAt(start);
    const name = this.readName(start + 2);
    if (name === null) this.fail(start, 'неверный закрывающий тег');
    let at = start + 2 + name.length;
    while (at < this.text.length && isSpace(this.text.charCodeAt(at))) at++;
    if (this.text.charCodeAt(at) !== 62 /* > */) this.fail(start, `тег </${name}> не закрыт`);
    this.pos = at + 1;
    return { type: 'close', name, line };
  }

  private openTag(start: number): XmlToken {
    const { text } = this;
    const line = this.lineAt(start);
    const name = this.readName(start + 1);
    if (name === null) this.fail(start, 'неверный тег');
    const attributes = new Map<string, XmlAttribute>();
    let at = start + 1 + name.length;
    for (;;) {
      const before = at;
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      if (at >= text.length) this.fail(start, `тег <${name}> не закрыт`);
      if (text.startsWith('/>', at) || text.charCodeAt(at) === 62) {
        const selfClosing = text.charCodeAt(at) === 47;
        this.pos = at + (selfClosing ? 2 : 1);
        return { type: 'open', name, attributes, selfClosing, line };
      }
      const attribute = this.readName(at);
      if (attribute === null || at === before) this.fail(at, `неверная запись атрибутов в теге <${name}>`);
      at += attribute.length;
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      if (text.charCodeAt(at) !== 61 /* = */) this.fail(at, `у атрибута ${attribute} нет значения`);
      at++;
      while (at < text.length && isSpace(text.charCodeAt(at))) at++;
      const quote = text[at];
      if (quote !== '"' && quote !== "'")
        this.fail(at, `значение атрибута ${attribute} должно быть в кавычках`);
      const end = text.indexOf(quote, at + 1);
      if (end < 0) this.fail(at, `не закрыта кавычка в значении атрибута ${attribute}`);
      const raw = text.slice(at + 1, end);
      if (raw.includes('<')) this.fail(at, `символ "<" в значении атрибута ${attribute}`);
      if (attributes.has(attribute)) this.fail(at, `атрибут ${attribute} указан дважды`);
      attributes.set(attribute, { value: this.decode(raw, at), line: this.lineAt(at) });
      at = end + 1;
    }
  }

  /** Attribute-value normalisation (XML 1.0, 3.3.3) and entity decoding. */
  private decode(raw: string, at: number): string {
    return raw.replace(/[\t\n\r]/g, ' ').replace(/&([^;&]*);?/g, (match, body: string) => {
      const decoded = !match.endsWith(';')
        ? undefined
        : body.startsWith('#x')
          ? codePoint(Number.parseInt(body.slice(2), 16), /^#x[0-9A-Fa-f]+$/.test(body))
          : body.startsWith('#')
            ? codePoint(Number.parseInt(body.slice(1), 10), /^#[0-9]+$/.test(body))
            : ENTITIES[body];
      if (decoded === undefined) this.fail(at, `неизвестная ссылка на символ "${match}"`);
      return decoded;
    });
  }
}

function codePoint(value: number, wellFormed: boolean): string | undefined {
  return wellFormed && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
}
