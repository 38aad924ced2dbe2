/**
 * Strict validation of what we send to SMEV against the published message exchange schemas
 * (apps/server/smev-schemas/<version>/), before it leaves: an envelope SMEV would refuse with
 * InvalidContent is our bug, better caught here with libxml2's message than as a fault.
 *
 * Only for our own messages: SMEV's answers often leave out elements the 1.2 schema requires, so they
 * are read leniently, never validated with this.
 *
 * XMLDSigSignatureType is `xs:any namespace="…xmldsig#"` with processContents="lax" (1.3) or "skip"
 * (1.2): without the XMLDSig schema, libxml2 has no declaration of ds:Signature and lax leaves it
 * unchecked, so the signature's inner structure is not validated here (xmldsig.ts builds it).
 * The same holds for the business content (MessagePrimaryContent is `##other` lax/skip).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import type { SmevVersion } from './types.js';

export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

/** src/platform/smev → apps/server/smev-schemas (the server runs from its TS sources, tests too). */
const SCHEMA_ROOT = new URL('../../../smev-schemas/', import.meta.url);

/** The types schema imports the others by schemaLocation; faults is not imported, but harmless. */
const SCHEMA_FILES: Record<SmevVersion, { main: string; imported: string[] }> = {
  '1.3': {
    main: 'smev-message-exchange-types-1.3.xsd',
    imported: [
      'smev-message-exchange-basic-1.3.xsd',
      'smev-message-exchange-routing-1.3.xsd',
      'smev-message-exchange-directive-1.3.xsd',
      'smev-message-exchange-faults-1.3.xsd',
    ],
  },
  '1.2': {
    main: 'smev-message-exchange-types-1.2.xsd',
    imported: ['smev-message-exchange-basic-1.2.xsd', 'smev-message-exchange-faults-1.2.xsd'],
  },
};

interface LoadedSchemas {
  main: XMLFileInfo;
  imported: XMLFileInfo[];
}

const cache = new Map<SmevVersion, Promise<LoadedSchemas>>();

async function load(version: SmevVersion): Promise<LoadedSchemas> {
  const read = async (fileName: string): Promise<XMLFileInfo> => ({
    fileName,
    contents: await readFile(fileURLToPath(new URL(`${version}/${fileName}`, SCHEMA_ROOT)), 'utf8'),
  });
  const files = SCHEMA_FILES[version];
  return { main: await read(files.main), imported: await Promise.all(files.imported.map(read)) };
}

/** The schema texts of one version, read once per process. */
function schemas(version: SmevVersion): Promise<LoadedSchemas> {
  let loaded = cache.get(version);
  if (!loaded) {
    loaded = load(version);
    // A failed read is not cached: the next call tries again.
    loaded.catch(() => cache.delete(version));
    cache.set(version, loaded);
  }
  return loaded;
}

/**
 * Validates one SMEV element (e.g. <SendRequestRequest> serialized on its own, with its xmlns
 * declarations) against the published schemas of `version`. `errors` are libxml2's messages with
 * the line number, e.g. «line 3: Element '{…}MessageID': [facet 'pattern'] …».
 */
export async function validateSmevElement(version: SmevVersion, xml: string): Promise<SchemaCheck> {
  const { main, imported } = await schemas(version);
  const result = await validateXML({
    xml: { fileName: 'message.xml', contents: xml },
    schema: main,
    preload: imported,
  });
  const errors = result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message));
  return { valid: result.valid, errors };
}
