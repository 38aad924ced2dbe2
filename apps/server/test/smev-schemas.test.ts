import { describe, expect, it } from 'vitest';
import { validateSmevElement } from '../src/platform/smev/schemas.js';
import { smevNamespaces, XMLDSIG_NS, type SmevVersion } from '../src/platform/smev/types.js';

// Strict validation of our own envelopes against the published schemas (smev-schemas/<version>/).

const MESSAGE_ID = 'e05ad7ac-a222-11e9-b898-480f5cc4a2bb';

/** A minimal SendRequestRequest with an (unchecked, lax) signature; `edit` breaks one thing. */
function sendRequest(version: SmevVersion, edit: (xml: string) => string = (xml) => xml): string {
  const ns = smevNamespaces(version);
  // 1.2 requires ReferenceMessageID and TransactionCode (1.3 made them optional).
  const required12 =
    version === '1.2'
      ? `<t:ReferenceMessageID>${MESSAGE_ID}</t:ReferenceMessageID><t:TransactionCode>1</t:TransactionCode>`
      : '';
  return edit(`<t:SendRequestRequest xmlns:t="${ns.types}" xmlns:b="${ns.basic}">
  <t:SenderProvidedRequestData Id="SIGNED_BY_CONSUMER">
    <t:MessageID>${MESSAGE_ID}</t:MessageID>${required12}
    <b:MessagePrimaryContent>
      <q:Запрос xmlns:q="urn://example/request/1.0.0">Иванов</q:Запрос>
    </b:MessagePrimaryContent>
    <t:TestMessage/>
  </t:SenderProvidedRequestData>
  <t:CallerInformationSystemSignature>
    <ds:Signature xmlns:ds="${XMLDSIG_NS}"><ds:SignedInfo/><ds:Anything/></ds:Signature>
  </t:CallerInformationSystemSignature>
</t:SendRequestRequest>`);
}

describe.each(['1.3', '1.2'] as const)('validateSmevElement, schema %s', (version) => {
  it('a minimal SendRequestRequest is valid', async () => {
    expect(await validateSmevElement(version, sendRequest(version))).toEqual({ valid: true, errors: [] });
  });

  it('an upper-case MessageID is refused, naming MessageID', async () => {
    const check = await validateSmevElement(
      version,
      sendRequest(version, (xml) =>
        xml.replace(`<t:MessageID>${MESSAGE_ID}`, `<t:MessageID>${MESSAGE_ID.toUpperCase()}`),
      ),
    );
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/MessageID/);
    expect(check.errors[0]).toMatch(/^line 3: /);
  });

  it('a missing MessagePrimaryContent is refused', async () => {
    const check = await validateSmevElement(
      version,
      sendRequest(version, (xml) =>
        xml.replace(/<b:MessagePrimaryContent>[\s\S]*<\/b:MessagePrimaryContent>/, ''),
      ),
    );
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/MessagePrimaryContent/);
  });

  it('an element of the other version is refused; malformed XML is an error, not a throw', async () => {
    const other = version === '1.3' ? '1.2' : '1.3';
    expect((await validateSmevElement(version, sendRequest(other))).valid).toBe(false);
    const malformed = await validateSmevElement(version, '<t:SendRequestRequest');
    expect(malformed.valid).toBe(false);
    expect(malformed.errors.length).toBeGreaterThan(0);
  });
});

describe('validateSmevElement speed', () => {
  it('a warm validation is measured and printed (bound only against a pathological slowdown)', async () => {
    const xml = sendRequest('1.3');
    await validateSmevElement('1.3', xml);
    const runs = 10;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await validateSmevElement('1.3', xml);
    const each = (performance.now() - started) / runs;
    console.log(`validateSmevElement warm: ${each.toFixed(1)} ms per validation`);
    expect(each).toBeLessThan(5000);
  });
});
