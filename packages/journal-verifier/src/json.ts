/**
 * Where a text stops being JSON (RFC 8259): the first offending character, as line and column, so
 * that «файл повреждён» names the place whatever the browser's JSON.parse message says.
 */

export interface JsonPosition {
  /** Offset in UTF-16 code units from 0. */
  offset: number;
  /** From 1. */
  line: number;
  /** From 1. */
  column: number;
}

export function positionOf(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

class Stop extends Error {
  constructor(readonly at: number) {
    super('JSON');
  }
}

/** The offset of the first error in `text`, or -1 when it is JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) throw new Stop(i);
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') throw new Stop(i);
    i++;
    for (;;) {
      if (i >= text.length) throw new Stop(i);
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) throw new Stop(i);
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i);
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          throw new Stop(i);
        }
      } else {
        i++;
      }
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) throw new Stop(i);
    i += match[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) throw new Stop(i);
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') throw new Stop(i);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        throw new Stop(i);
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        throw new Stop(i);
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    return number();
  };
  try {
    value(0);
    ws();
    return i === text.length ? -1 : i;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    throw error;
  }
}

export type ParsedJson =
  { ok: true; value: unknown } | { ok: false; problem: string; position?: JsonPosition };

/** Decodes (UTF-8, strict) and parses a file; the problem names the place in Russian. */
export function parseJsonFile(input: string | Uint8Array): ParsedJson {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      let offset = 0;
      // The first invalid UTF-8 sequence: decode ever longer prefixes is too slow; scan by hand.
      for (let i = 0; i < input.length;) {
        const b = input[i]!;
        const n =
          b < 0x80
            ? 1
            : b >= 0xc2 && b < 0xe0
              ? 2
              : b >= 0xe0 && b < 0xf0
                ? 3
                : b >= 0xf0 && b < 0xf5
                  ? 4
                  : 0;
        let ok = n > 0 && i + n <= input.length;
        for (let j = 1; ok && j < n; j++) ok = (input[i + j]! & 0xc0) === 0x80;
        if (!ok) {
          offset = i;
          break;
        }
        i += n;
      }
      return { ok: false, problem: `файл повреждён: не текст UTF-8 (байт ${offset + 1})` };
    }
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const offset = jsonErrorOffset(text);
    if (offset < 0) return { ok: false, problem: `файл повреждён: ${String(error)}` };
    const position = positionOf(text, offset);
    const near = JSON.stringify(text.slice(Math.max(0, offset - 15), offset + 15));
    return {
      ok: false,
      problem: `файл повреждён: ошибка JSON в строке ${position.line}, позиции ${position.column} (символ ${offset + 1}), рядом с ${near}`,
      position,
    };
  }
}
