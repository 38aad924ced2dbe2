import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSnils, normalizeSnils, snilsControl, snilsProblem, snilsWithControl } from '@uslugi/contracts';

describe('СНИЛС', () => {
  it('accepts known valid numbers in both spellings', () => {
    // 112-233-445 95: 1*9+1*8+2*7+2*6+3*5+3*4+4*3+4*2+5*1 = 95
    expect(snilsControl('112233445')).toBe(95);
    expect(snilsProblem('112-233-445 95')).toBeNull();
    expect(snilsProblem('11223344595')).toBeNull();
    // 987-654-321: sum 285 > 101 → 285 mod 101 = 83
    expect(snilsProblem('987-654-321 83')).toBeNull();
    expect(snilsProblem('987-654-321 84')).toBe('checksum');
    expect(snilsProblem('987-654-32 183')).toBe('format');
  });

  it('maps sums of 100 and 101 to 00', () => {
    // 9 digits with weighted sum 100: 0*9+0*8+…: 100 = 9*9 + 8*2 + 3*1 → 9,2,0,0,0,0,0,0,3
    expect(snilsControl('920000003')).toBe(0);
    // 101 = 9*9 + 8*2 + 4*1
    expect(snilsControl('920000004')).toBe(0);
  });

  it('numbers up to 001-001-998 carry no check', () => {
    expect(snilsProblem('001-001-998 00')).toBeNull();
    expect(snilsProblem('001-001-999 00')).toBe('checksum');
  });

  it('every generated number is valid and every single-digit change of the control is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (nine) => {
        fc.pre(Number(nine) > 1_001_998);
        const valid = snilsWithControl(nine);
        expect(snilsProblem(formatSnils(valid))).toBeNull();
        expect(normalizeSnils(formatSnils(valid))).toBe(valid);
        const wrong = nine + String((Number(valid.slice(9)) + 1) % 100).padStart(2, '0');
        expect(snilsProblem(wrong)).toBe('checksum');
      }),
    );
  });
});
