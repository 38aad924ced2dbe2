import { describe, expect, it } from 'vitest';
import { ORGANIZATION_SCOPES, PERSON_SCOPES } from '../../platform/esia/protocol.js';
import { scopeWords } from './login-page.js';

describe('the ESIA emulator’s consent text', () => {
  it('names every scope in Russian words, never by its code', () => {
    expect(scopeWords('openid fullname snils')).toBe('вход в систему; фамилия, имя и отчество; СНИЛС');
    for (const code of [...PERSON_SCOPES, ...ORGANIZATION_SCOPES]) {
      expect(scopeWords(code)).not.toMatch(/[a-z_]{3,}/);
    }
  });
});
