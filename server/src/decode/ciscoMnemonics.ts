/**
 * Data for Cisco message codes `%PRODUCT-FACILITY-SEVERITY-MNEMONIC` as UCCX and SocialMiner print
 * them: products, facilities (UCCX "subfacilities", SocialMiner components), severities, and the
 * mnemonics whose meaning the published log-analysis documents give.
 *
 * Meanings marked `fromName: true` are read from the abbreviation and the product's documented
 * trace settings, not from a document that describes the messages.
 */

import type { FlowStepRef } from './flowUrls';

/** Syslog severities, index = number in the code. */
export const CISCO_SEVERITY_NAMES = [
  'EMERGENCY',
  'ALERT',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFORMATIONAL',
  'DEBUG',
] as const;

export interface ProductInfo {
  code: string;
  name: string;
  description: string;
}

export const CISCO_PRODUCTS: Readonly<Record<string, ProductInfo>> = {
  MIVR: {
    code: 'MIVR',
    name: 'UCCX Engine',
    description: 'Unified CCX engine log (Cisco001MIVR*.log): telephony, chat, routing and queuing subsystems.',
  },
  MADM: {
    code: 'MADM',
    name: 'UCCX Administration',
    description: 'Unified CCX administration log (Cisco001MADM*.log), including the UCCX web services.',
  },
  MCVD: {
    code: 'MCVD',
    name: 'UCCX Cluster View Daemon',
    description: 'Unified CCX cluster view daemon log (Cisco001MCVD*.log): cluster state and service control.',
  },
  MCLI: { code: 'MCLI', name: 'UCCX CLI', description: 'Unified CCX command line interface log (Cisco001MCLI*.log).' },
  CCBU: {
    code: 'CCBU',
    name: 'SocialMiner',
    description:
      "Prefix of Cisco's Customer Collaboration Business Unit products; in these logs, SocialMiner (runtime, ccpapi, ccppublicapps).",
  },
};

export interface FacilityInfo {
  code: string;
  /** Products whose logs use this facility. */
  products: readonly string[];
  meaning: string;
  /** True when the meaning is read from the name rather than described by a document. */
  fromName?: boolean;
  /** Other spellings seen in Cisco's documents. */
  aliases?: readonly string[];
}

export const CISCO_FACILITIES: readonly FacilityInfo[] = [
  // UCCX engine (MIVR) subfacilities.
  {
    code: 'SS_CHAT',
    products: ['MIVR'],
    meaning: 'Chat subsystem: receives chat contacts from SocialMiner and queues them.',
  },
  {
    code: 'SS_ROUTEANDQUEUE',
    products: ['MIVR'],
    meaning:
      'Route and queue subsystem: allocates chat and email contacts to agents and writes their historical records.',
  },
  {
    code: 'SS_TEL',
    products: ['MIVR'],
    meaning: 'Telephony subsystem (JTAPI call control with Unified CM).',
    fromName: true,
  },
  { code: 'SS_CM', products: ['MIVR'], meaning: 'Contact manager subsystem.', fromName: true },
  { code: 'SS_RM', products: ['MIVR'], meaning: 'Resource manager subsystem (agents as resources).', fromName: true },
  {
    code: 'SS_RMCM',
    products: ['MIVR'],
    meaning: 'Resource manager / contact manager subsystem: agent states, CSQs and call routing to agents.',
    fromName: true,
  },
  { code: 'SS_OB', products: ['MIVR'], meaning: 'Outbound subsystem.', fromName: true },
  {
    code: 'ICD_CTI',
    products: ['MIVR'],
    meaning: 'CTI server of UCCX that agent desktops and Finesse connect to.',
    fromName: true,
  },
  {
    code: 'ICD_RTDM',
    products: ['MIVR'],
    meaning: 'Real-time data manager (real-time reporting data).',
    fromName: true,
  },
  { code: 'ENG', products: ['MIVR'], meaning: 'Engine core.', fromName: true },
  {
    code: 'STEP_ICD',
    products: ['MIVR'],
    meaning: 'Script steps of the ICD (contact center) palette.',
    fromName: true,
  },
  { code: 'LIB_MEDIA', products: ['MIVR'], meaning: 'Media library (prompts, media streams).', fromName: true },
  { code: 'CRA_HRDM', products: ['MIVR'], meaning: 'Historical reporting data manager.', fromName: true },
  { code: 'EXPR_MGR', products: ['MIVR'], meaning: 'Expression manager (script expressions).', fromName: true },
  { code: 'REST_CLIENT', products: ['MIVR'], meaning: 'REST client (outgoing REST calls).', fromName: true },
  { code: 'LIB_CFG', products: ['MIVR', 'MADM'], meaning: 'Configuration library.', fromName: true },
  {
    code: 'LIB_AXL',
    products: ['MIVR', 'MADM'],
    meaning: 'AXL library (Unified CM administration API).',
    fromName: true,
  },
  // UCCX administration (MADM).
  {
    code: 'UCCX_WEBSERVICES',
    products: ['MADM'],
    meaning:
      'UCCX web services (REST API in the administration process): chat widget configuration, new chat contacts from SocialMiner, JMS messages to the engine.',
  },
  { code: 'ADM_CFG', products: ['MADM'], meaning: 'Administration configuration.', fromName: true },
  { code: 'LIB_DATABASE', products: ['MADM'], meaning: 'Database library.', fromName: true },
  {
    code: 'FILE_MGR',
    products: ['MADM'],
    meaning: 'File manager (repository files such as scripts and prompts).',
    fromName: true,
  },
  // SocialMiner components.
  {
    code: 'CCPPUBLICAPPS',
    products: ['CCBU'],
    meaning:
      "SocialMiner public apps (ccppublicapps): the chat and callback proxy between the customer's browser and SocialMiner: widget configuration, chat rooms, sessions, post-chat rating.",
    aliases: ['CCPUBLICAPPS'],
  },
  {
    code: 'CCPAPI',
    products: ['CCBU'],
    meaning:
      'SocialMiner REST API (ccpapi): social contacts, webhook calls such as fetching the bubble chat configuration from UCCX.',
  },
  {
    code: 'FEEDS',
    products: ['CCBU'],
    meaning: 'SocialMiner feeds (runtime): creates social contacts from incoming chats and other feeds.',
  },
  {
    code: 'NOTIFICATION',
    products: ['CCBU'],
    meaning:
      'SocialMiner notification rules (runtime): HTTP/XMPP notifications, such as telling UCCX about a new chat contact.',
  },
  { code: 'RUNTIME', products: ['CCBU'], meaning: 'SocialMiner runtime service.', fromName: true },
];

export interface MnemonicInfo {
  mnemonic: string;
  /** Facility it was seen with, if the mnemonic is specific to one. */
  facility?: string;
  meaning: string;
  /** Steps of a known flow this message marks. */
  flow?: FlowStepRef;
  /** What to do or to conclude when it appears. */
  advice?: string;
  /**
   * Meanings that depend on the code's severity (0-7, inclusive ranges): a mnemonic that only says
   * "none assigned" (UNK) is a debug trace at 7 and an error at 3.
   */
  bySeverity?: ReadonlyArray<{ from: number; to: number; meaning: string }>;
}

/** The meaning of a mnemonic at one severity: the severity's own sentence when there is one. */
export function mnemonicMeaning(info: MnemonicInfo, severity: number): string {
  return info.bySeverity?.find((m) => severity >= m.from && severity <= m.to)?.meaning ?? info.meaning;
}

export const CISCO_MNEMONICS: readonly MnemonicInfo[] = [
  {
    mnemonic: 'UNK',
    meaning: 'No mnemonic assigned: the text after the code is all the line says.',
    bySeverity: [
      {
        from: 0,
        to: 3,
        meaning:
          'No mnemonic assigned: UCCX writes UNK on every line it did not give a name to, so the severity says what this is: an error (or worse) the facility logged whatever its trace level.',
      },
      {
        from: 4,
        to: 6,
        meaning:
          'No mnemonic assigned: UCCX writes UNK on every line it did not give a name to, so the severity says what this is: a warning, notice or information of the facility, written at the default trace level.',
      },
      {
        from: 7,
        to: 7,
        meaning:
          'No mnemonic assigned: a debug trace line of the facility (UCCX writes these when the facility is set to debug).',
      },
    ],
  },
  {
    mnemonic: 'REST_API_INFO',
    facility: 'CCPAPI',
    meaning:
      'Information from the REST API, for example "Fetching bubble chat config from hook url" (the call to UCCX) and "Received success response" (its answer).',
    flow: { flow: 'bubbleChat', steps: [2, 4] },
  },
  {
    mnemonic: 'PUBLICAPPS_SESSION_CREATED',
    facility: 'CCPPUBLICAPPS',
    meaning: "A new ccppublicapps session for the customer's browser (session.id, session.timeout in seconds).",
    flow: { flow: 'bubbleChat', steps: [4] },
  },
  {
    mnemonic: 'CHAT_ROOM_DETAILS',
    facility: 'CCPPUBLICAPPS',
    meaning:
      'The incoming chat request: the chat room SocialMiner creates (Nickname of the customer, RoomJid, RoomSubject).',
    flow: { flow: 'bubbleChat', steps: [6] },
  },
  {
    mnemonic: 'SOCIAL_CONTACT_CREATED',
    facility: 'FEEDS',
    meaning:
      'The SocialMiner runtime created the social contact for the chat (SOCIAL_CONTACT_ID, SOCIAL_CONTACT_LINK).',
    flow: { flow: 'bubbleChat', steps: [7] },
  },
  {
    mnemonic: 'CREATE_SOCIAL_CONTACT',
    facility: 'CCPAPI',
    meaning: 'The social contact was created through the API (with the requestId of the request).',
    flow: { flow: 'bubbleChat', steps: [8] },
  },
  {
    mnemonic: 'CHAT_CREATED',
    facility: 'CCPPUBLICAPPS',
    meaning:
      'The chat is created: its social contact (Contact=), chat room (Room=) and ccppublicapps session (Session=).',
    flow: { flow: 'bubbleChat', steps: [8] },
  },
  {
    mnemonic: 'NOTIFICATION_SUCCEEDED',
    facility: 'NOTIFICATION',
    meaning:
      'A notification rule fired successfully: here SocialMiner told the UCCX web services about the new chat contact.',
    flow: { flow: 'bubbleChat', steps: [9] },
  },
  {
    mnemonic: 'PRESENCE_EVENT_RECEIVED',
    facility: 'CCPPUBLICAPPS',
    meaning:
      'An XMPP presence event in the chat room; Status=joined with the agent as Nickname means the agent joined.',
    flow: { flow: 'bubbleChat', steps: [13] },
  },
  {
    mnemonic: 'TYPING_STATUS_RECEIVED',
    facility: 'CCPPUBLICAPPS',
    meaning: 'An XMPP typing notification in the chat room (Text=composing while someone types).',
    flow: { flow: 'bubbleChat', steps: [13] },
  },
  {
    mnemonic: 'LEAVE_CHAT_ROOM',
    facility: 'CCPPUBLICAPPS',
    meaning: 'The customer (User=ccp_chatclient) leaves the chat room; the agent is then alone in it.',
    flow: { flow: 'bubbleChat', steps: [15] },
  },
  {
    mnemonic: 'CHAT_FEEDBACK_RECEIVED',
    facility: 'CCPPUBLICAPPS',
    meaning:
      "The post-chat rating from the customer's browser (ChatFeedback rating=). SocialMiner stores it on the social contact in its data store before UCCX is told.",
    flow: { flow: 'bubbleChat', steps: [17] },
  },
  {
    mnemonic: 'UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED',
    facility: 'CCPPUBLICAPPS',
    meaning:
      'The post-chat rating could not be saved on the social contact because the SocialMiner data store is down.',
    flow: { flow: 'bubbleChat', steps: [17] },
    advice:
      'The rating is lost: it never reaches UCCX (no XMPP update in step 18, no textratingdetail row in step 19). Check the SocialMiner data store services.',
  },
];

/** Facility by code or alias. */
export function facilityInfo(code: string): FacilityInfo | undefined {
  return CISCO_FACILITIES.find((f) => f.code === code || f.aliases?.includes(code));
}

/** Mnemonic info; a mnemonic tied to a facility is only returned for that facility (or when the facility is unknown). */
export function mnemonicInfo(mnemonic: string, facility?: string): MnemonicInfo | undefined {
  const canonical = facility === undefined ? undefined : (facilityInfo(facility)?.code ?? facility);
  return CISCO_MNEMONICS.find(
    (m) => m.mnemonic === mnemonic && (m.facility === undefined || canonical === undefined || m.facility === canonical),
  );
}
