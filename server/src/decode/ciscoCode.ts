/**
 * Cisco message codes `%PRODUCT-FACILITY-SEVERITY-MNEMONIC`:
 *
 * - UCCX: `%MIVR-SS_CHAT-7-UNK`, `%MADM-UCCX_WEBSERVICES-7-UNK` (product, `-`, subfacility);
 * - SocialMiner: `%CCBU__CCPPUBLICAPPS-6-CHAT_CREATED`, `%CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED`
 *   (product, a run of `_` padding, component);
 * - Cisco's documents also quote codes without the product: `CCPUBLICAPPS-3-UPDATE_...`; those are
 *   accepted only for facilities in the table.
 *
 * Long records wrap, so the mnemonic may sit at the start of the next line (`...-6-` then
 * `CHAT_ROOM_DETAILS:`), and a space may precede the colon (`CHAT_FEEDBACK_RECEIVED :`).
 */

import {
  CCBU_PRODUCTS,
  CISCO_FACILITIES,
  CISCO_PRODUCTS,
  CISCO_SEVERITY_NAMES,
  facilityInfo,
  mnemonicInfo,
  type FacilityInfo,
  type MnemonicInfo,
  type ProductInfo,
} from './ciscoMnemonics';
import type { Decoded } from './result';

export interface CiscoCode {
  /** `MIVR`, `CCBU`; absent for a code quoted without its product. */
  product?: string;
  /** `SS_CHAT`, `CCPPUBLICAPPS` (SocialMiner's `_` padding removed). */
  facility: string;
  severity: number;
  /** `EMERGENCY` ... `DEBUG`. */
  severityName: string;
  /** `UNK`, `CHAT_CREATED`; empty when the text ends before it. */
  mnemonic: string;
  /** The code as written, from `%` (or the facility) to the end of the mnemonic. */
  text: string;
  /** [start, end) in the text searched. */
  start: number;
  end: number;
  /** True when the mnemonic was on the line after the severity. */
  wrapped: boolean;
}

/** Everything the tables say about a code. */
export interface CiscoCodeMeaning {
  product?: ProductInfo;
  facility?: FacilityInfo;
  mnemonic?: MnemonicInfo;
}

// `%PRODUCT` then `-` or a run of `_`, the facility, `-N-`. Each class excludes what follows it, and
// every repetition is bounded, so matching is linear.
const WITH_PRODUCT = /%([A-Z][A-Z0-9]{1,15})(?:-|_{1,16})([A-Z0-9][A-Z0-9_]{0,63})-([0-7])-/g;
// Finesse puts the writing thread where the facility goes: `%CCBU_pool-21-thread-1-6-QUEUE_...`.
const FINESSE_THREAD = /%(CCBU)_([A-Za-z][\w.-]{0,80}-\d{1,4})-([0-7])-(?=[A-Za-z])/g;
const KNOWN_FACILITY_NAMES = CISCO_FACILITIES.flatMap((f) => [f.code, ...(f.aliases ?? [])]).sort(
  (a, b) => b.length - a.length,
);
const WITHOUT_PRODUCT = new RegExp(`(?<![\\w-])(${KNOWN_FACILITY_NAMES.join('|')})-([0-7])-(?=[A-Z])`, 'g');
// The mnemonic on the same line, or at the start of the next line followed by its colon.
// VOS alarm names are CamelCase (`%UC_CALLMANAGER-3-EndPointUnregistered`), the others upper case.
const SAME_LINE_MNEMONIC = /[A-Z][A-Za-z0-9_]{0,95}/y;
const NEXT_LINE_MNEMONIC = /[ \t]{0,8}\r?\n[ \t]{0,8}([A-Z][A-Za-z0-9_]{0,95})(?=[ \t]{0,4}:)/y;

/** Upper bound on codes reported for one text. */
export const MAX_CISCO_CODES = 500;

/** Every message code in `text`, in order. Linear in the text length. */
export function findCiscoCodes(text: string, maxCodes = MAX_CISCO_CODES): Decoded<CiscoCode>[] {
  // The two patterns cannot overlap: a facility without product must not follow `-`, `_` or a letter.
  const found = [
    ...scan(WITH_PRODUCT, text, maxCodes),
    ...scan(WITHOUT_PRODUCT, text, maxCodes),
    ...scan(FINESSE_THREAD, text, maxCodes),
  ];
  return found.sort((a, b) => a.value.start - b.value.start).slice(0, maxCodes);
}

/**
 * The first message code in `text` (for example a line header `%MIVR-SS_CHAT-7-UNK:[pool-8-thread-15]`),
 * or undefined if there is none. Pure; for format code that wants product, facility and severity.
 */
export function parseCiscoCode(text: string): Decoded<CiscoCode> | undefined {
  const first = [...scan(WITH_PRODUCT, text, 1), ...scan(WITHOUT_PRODUCT, text, 1)];
  return first.sort((a, b) => a.value.start - b.value.start)[0];
}

function scan(pattern: RegExp, text: string, max: number): Decoded<CiscoCode>[] {
  const found: Decoded<CiscoCode>[] = [];
  const re = new RegExp(pattern.source, 'g');
  let m: RegExpExecArray | null;
  while (found.length < max && (m = re.exec(text)) !== null) {
    const code =
      pattern === WITH_PRODUCT || pattern === FINESSE_THREAD
        ? readMnemonic(text, m.index, re.lastIndex, m[1], m[2], Number(m[3]))
        : readMnemonic(
            text,
            m.index > 0 && text[m.index - 1] === '%' ? m.index - 1 : m.index,
            re.lastIndex,
            undefined,
            m[1],
            Number(m[2]),
          );
    found.push(code);
    re.lastIndex = Math.max(re.lastIndex, code.value.end);
  }
  return found;
}

/** What the tables know about a code's product, facility and mnemonic. */
export function describeCiscoCode(code: CiscoCode): CiscoCodeMeaning {
  const meaning: CiscoCodeMeaning = {};
  if (code.product !== undefined && CISCO_PRODUCTS[code.product]) meaning.product = CISCO_PRODUCTS[code.product];
  if (code.product === 'CCBU') {
    const byFacility = CCBU_PRODUCTS.find((p) => p.facility.test(code.facility));
    if (byFacility) meaning.product = byFacility.product;
  }
  // CVP facilities carry the release first (11_6_SIP); Finesse's hold a thread name.
  const name = code.product === 'CVP' ? code.facility.replace(/^\d{1,3}_\d{1,3}_/, '') : code.facility;
  const facility =
    code.product === 'CCBU' && /[a-z]/.test(code.facility)
      ? {
          code: code.facility,
          products: ['CCBU'],
          meaning:
            'Finesse: the thread that wrote the line (Finesse logs the thread where other products put a facility).',
        }
      : facilityInfo(name);
  if (facility) meaning.facility = facility;
  const mnemonic = code.mnemonic ? mnemonicInfo(code.mnemonic, code.facility) : undefined;
  if (mnemonic) meaning.mnemonic = mnemonic;
  return meaning;
}

function readMnemonic(
  text: string,
  start: number,
  afterSeverity: number,
  product: string | undefined,
  facility: string,
  severity: number,
): Decoded<CiscoCode> {
  const problems: string[] = [];
  let mnemonic = '';
  let end = afterSeverity;
  let wrapped = false;
  SAME_LINE_MNEMONIC.lastIndex = afterSeverity;
  const same = SAME_LINE_MNEMONIC.exec(text);
  if (same) {
    mnemonic = same[0];
    end = SAME_LINE_MNEMONIC.lastIndex;
  } else {
    NEXT_LINE_MNEMONIC.lastIndex = afterSeverity;
    const next = NEXT_LINE_MNEMONIC.exec(text);
    if (next) {
      mnemonic = next[1];
      end = NEXT_LINE_MNEMONIC.lastIndex;
      wrapped = true;
    } else {
      const rest = text.slice(afterSeverity, afterSeverity + 16);
      problems.push(
        `expected a mnemonic after '${text.slice(start, afterSeverity)}', found ${rest.trim() ? `'${rest.trim()}'` : 'end of text'}`,
      );
    }
  }
  const value: CiscoCode = {
    facility,
    severity,
    severityName: CISCO_SEVERITY_NAMES[severity],
    mnemonic,
    text: text.slice(start, end),
    start,
    end,
    wrapped,
  };
  if (product !== undefined) value.product = product;
  return { value, problems };
}
