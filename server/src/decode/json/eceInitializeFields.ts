/**
 * Fields of the ECE chat entry point `initialize` response
 * (`GET /system/egain/chat/entrypoint/initialize/<entry point id>`).
 *
 * Only `checkEligibility.responseType` is explained by Cisco's ECE agent availability document;
 * every other meaning below is read from the field name alone, and is rendered as such.
 */
export interface EceInitializeField {
  /** JSON path from the root, dot-separated. */
  path: string;
  /** What the field says, in words. */
  meaning: string;
  /** True when the meaning comes from Cisco's documentation, false when only from the name. */
  documented: boolean;
}

export const ECE_INITIALIZE_FIELDS: readonly EceInitializeField[] = [
  {
    path: 'checkEligibility.responseType',
    meaning: 'agent availability for the entry point at the time of the request (see the value)',
    documented: true,
  },
  { path: 'maskingPatterns.maskingPattern', meaning: 'patterns used to mask text in the chat', documented: false },
  { path: 'isVideoChatLicensed', meaning: 'video chat is licensed', documented: false },
  { path: 'isVideoChatEnabled', meaning: 'video chat is enabled', documented: false },
  { path: 'videoChatMaxEscalation', meaning: 'maximum video chat escalation', documented: false },
  { path: 'isDirectAudioChatEnabled', meaning: 'direct audio chat is enabled', documented: false },
  { path: 'isChatAttachmentEnabled', meaning: 'chat attachments are enabled', documented: false },
  { path: 'maxChatAttachmentSize', meaning: 'maximum size of a chat attachment (unit not stated)', documented: false },
  {
    path: 'isBlackListType',
    meaning: 'a list is of the "black list" (block) type; which list is not stated',
    documented: false,
  },
  { path: 'isOffRecordEnabled', meaning: '"off the record" is enabled', documented: false },
  { path: 'htmlTagMatcherRegex', meaning: 'regular expression that matches HTML tags', documented: false },
  { path: 'htmlTagMatcherIncr', meaning: 'increment used with the HTML tag matcher', documented: false },
  { path: 'isOneTagOff', meaning: '"one tag off" is set (the name does not say what it governs)', documented: false },
];

/** `checkEligibility.responseType` values, as Cisco's ECE agent availability document explains them. */
export const ECE_RESPONSE_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'chat is offered: an agent is available for chat, or the queue depth is not yet reached'],
  [1, 'no agent is available'],
  [2, 'the maximum queue depth is reached'],
]);

/**
 * Caveats the same document gives for availability: ECE 11.6 checks it per media routing domain
 * (an available agent in any skill group of the chat MRD makes chat offered; ECE 12.0 and later
 * count only the skill groups configured for the entry point), and no field gives the number of
 * available agents.
 */
export const ECE_AVAILABILITY_NOTES: readonly string[] = [
  'ECE 11.6 checks availability per MRD: an available agent in any skill group of the chat MRD makes chat offered. ECE 12.0 and later count the skill groups of the configuration.',
  'The response does not say how many agents are available.',
];
