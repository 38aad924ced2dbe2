import { escapeXml } from '../../platform/smev/kinds/xml.js';
import { SOAP11_NS, smevNamespaces, type SmevVersion } from '../../platform/smev/types.js';

/**
 * The SMEV faults the emulator answers synchronously: HTTP 500 with a SOAP 1.1 Fault whose detail is
 * the faults-namespace element carrying basic:Code and basic:Description (the shape of the real
 * SignatureVerificationFault sample, research notes §3). The `SMEV-xxx` numbers: SMEV-100 was seen in
 * real answers, 300/301/501 come from the do-/smevka emulator; the rest are this emulator's own
 * (docs/emulators/smev.md lists them).
 */
export type SmevFaultName =
  | 'InvalidContent'
  | 'SignatureVerificationFault'
  | 'InvalidMessageIdFormat'
  | 'MessageIsAlreadySent'
  | 'BusinessDataTypeIsNotSupported'
  | 'SMEVFailure'
  | 'TargetMessageIsNotFound'
  | 'SenderIsNotRegistered'
  | 'UnknownMessageType';

export type SignatureFaultReason =
  | 'PoorSOAPEnvelopeFormat'
  | 'NoSignatureFound'
  | 'IncorrectSignatureTarget'
  | 'SignatureIsInvalid'
  | 'CertificateIsNotFound';

const NUMBERS: Record<SmevFaultName, string> = {
  SignatureVerificationFault: 'SMEV-100',
  InvalidContent: 'SMEV-402',
  BusinessDataTypeIsNotSupported: 'SMEV-404',
  SenderIsNotRegistered: 'SMEV-405',
  UnknownMessageType: 'SMEV-406',
  InvalidMessageIdFormat: 'SMEV-300',
  MessageIsAlreadySent: 'SMEV-301',
  TargetMessageIsNotFound: 'SMEV-501',
  SMEVFailure: 'SMEV-500',
};

export class SmevFault extends Error {
  constructor(
    readonly fault: SmevFaultName,
    /** Russian, for people: faultstring and Description. */
    readonly text: string,
    /** Extra children of the fault element (already XML, in the faults namespace). */
    readonly extra: (faultsPrefix: string) => string = () => '',
    readonly side: 'Client' | 'Server' = fault === 'SMEVFailure' ? 'Server' : 'Client',
  ) {
    super(`${fault}: ${text}`);
  }

  get code(): string {
    return NUMBERS[this.fault];
  }
}

export function signatureFault(reason: SignatureFaultReason, text: string): SmevFault {
  return new SmevFault(
    'SignatureVerificationFault',
    text,
    (f) => `<${f}:SignatureVerificationFault>${reason}</${f}:SignatureVerificationFault>`,
  );
}

export function invalidContent(errors: string[]): SmevFault {
  return new SmevFault('InvalidContent', 'Сообщение не соответствует схеме СМЭВ', (f) =>
    (errors.length ? errors : ['Ошибка проверки по схеме'])
      .map((e) => `<${f}:ValidationError errorPosition="-1">${escapeXml(e)}</${f}:ValidationError>`)
      .join(''),
  );
}

/** A SOAP 1.1 envelope with the fault (the caller answers it with HTTP 500). */
export function faultEnvelope(version: SmevVersion, fault: SmevFault): string {
  const ns = smevNamespaces(version);
  const description = `${fault.code}:${fault.text}`;
  return (
    `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>soap:${fault.side}</faultcode><faultstring>${escapeXml(fault.text)}</faultstring>` +
    `<detail><ns4:${fault.fault} xmlns:ns4="${ns.faults}" xmlns:ns3="${ns.basic}">` +
    `<ns3:Code>uslugi-smev-emulator:SYNC:${fault.fault}</ns3:Code>` +
    `<ns3:Description>${escapeXml(description)}</ns3:Description>${fault.extra('ns4')}` +
    `</ns4:${fault.fault}></detail></soap:Fault></soap:Body></soap:Envelope>`
  );
}

/** An envelope that is no SMEV operation at all: a plain client fault, as CXF answers it. */
export function plainFaultEnvelope(text: string): string {
  return (
    `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>soap:Client</faultcode><faultstring>${escapeXml(text)}</faultstring>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
