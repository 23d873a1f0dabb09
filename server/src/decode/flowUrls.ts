/**
 * URLs that mark a step of a known flow: the bubble chat of UCCX and SocialMiner 11.6(2), and the
 * chat entry point check of Enterprise Chat and Email (ECE). The table says which step a URL
 * belongs to, what the call does, who serves it, and what the ids it carries are. Facts come from
 * Cisco's published log-analysis documents for these flows.
 */

import type { Decoded } from './result';
import { trimEndOf } from '../util/text';

export type FlowId = 'bubbleChat' | 'eceChat';

export interface FlowDefinition {
  id: FlowId;
  name: string;
  /** Step titles; index 0 is step 1. */
  steps: readonly string[];
}

export const FLOWS: Readonly<Record<FlowId, FlowDefinition>> = {
  bubbleChat: {
    id: 'bubbleChat',
    name: 'Bubble chat (UCCX and SocialMiner 11.6(2))',
    steps: [
      'Browser console: the customer clicks to chat',
      'SocialMiner ccppublicapps: looks up the widget webhook in mmca_webhook',
      'UCCX MADM: receives the request for the widget configuration',
      'SocialMiner ccppublicapps: 200 OK for the widget configuration',
      "Browser console: the configuration reaches the customer's browser as JSON",
      'SocialMiner ccppublicapps: incoming chat request, chat room created',
      'SocialMiner runtime: the social contact is created',
      'SocialMiner ccppublicapps: the social contact is updated through the public API',
      'SocialMiner runtime: notification to the UCCX web services (MADM)',
      'UCCX MADM: the web service shows the incoming chat request',
      'UCCX MADM: JMS message to the UCCX engine',
      'UCCX MIVR: the chat subsystem queues the contact, route and queue allocates an agent',
      'SocialMiner ccppublicapps: the agent joins, the chat session runs over XMPP',
      'Browser console: the agent joins the chat room',
      'SocialMiner ccppublicapps: the customer leaves the chat room',
      "Browser console: the customer's browser shows the rating was submitted",
      'SocialMiner ccppublicapps: receives the post-chat rating from the browser',
      'UCCX MIVR: XMPP update from SocialMiner with the rating',
      'UCCX MIVR: the rating is written to the database (textratingdetail)',
    ],
  },
  eceChat: {
    id: 'eceChat',
    name: 'ECE agent login and chat availability (ECE 11.6 with UCCE)',
    steps: [
      'Agent login: the Listener sends MEDIA_LOGIN_REQ to the CTI server',
      'Agent availability: MAKE_AGENT_ROUTABLE_IND and MAKE_AGENT_READY_IND, OPC moves the agent to AS_NOT_ACTIVE',
      'Chat entry point: the browser asks whether chat is available',
    ],
  },
};

/** A reference to one or more steps of a flow. */
export interface FlowStepRef {
  flow: FlowId;
  steps: readonly number[];
}

/** "Bubble chat (...), step 7 of 19: SocialMiner runtime: the social contact is created" (one line per step). */
export function describeFlowSteps(ref: FlowStepRef): string[] {
  const flow = FLOWS[ref.flow];
  return ref.steps.map(
    (n) => `${flow.name}, step ${n} of ${flow.steps.length}: ${flow.steps[n - 1] ?? '(unknown step)'}`,
  );
}

export interface FlowUrlEntry {
  id: string;
  /** Matched against the path with markdown-style `\_` escapes removed. Groups are `pathIds`. */
  path: RegExp;
  /** Who answers the call. */
  server: string;
  /** Who sends it. */
  client: string;
  where: FlowStepRef;
  title: string;
  does: string;
  /** Meanings of the ids captured by `path`, in group order. */
  pathIds?: readonly { name: string; meaning: string; pattern?: RegExp }[];
  /** Meanings of query parameters. */
  query?: Readonly<Record<string, string>>;
  /** Query parameters the call needs. */
  required?: readonly string[];
}

export const FLOW_URLS: readonly FlowUrlEntry[] = [
  {
    id: 'bubble-chat-page',
    path: /^\/ccp\/ui\/BubbleChat\.html$/,
    server: 'SocialMiner',
    client: "customer's browser",
    where: { flow: 'bubbleChat', steps: [1] },
    title: 'Bubble chat widget page',
    does: 'First of the three requests the browser sends to SocialMiner when the customer clicks to chat: the page that holds the chat widget. All three must return 200 OK for the widget to load.',
    query: {
      host: 'SocialMiner FQDN the widget talks to',
      wid: 'chat widget id',
      secure: 'true: the widget uses HTTPS',
    },
    required: ['wid'],
  },
  {
    id: 'bubble-chat-script',
    path: /^\/ccp\/ui\/js\/ccp\/bubblechat\/ccp-chat-components\.js$/,
    server: 'SocialMiner',
    client: "customer's browser",
    where: { flow: 'bubbleChat', steps: [1] },
    title: 'Bubble chat widget script',
    does: "Second of the three requests: the widget's JavaScript. Its console messages are the CISCO_BUBBLE_CHAT: lines of the browser console.",
  },
  {
    id: 'bubble-chat-config',
    path: /^\/ccp\/bubblechat$/,
    server: 'SocialMiner',
    client: "customer's browser",
    where: { flow: 'bubbleChat', steps: [1, 5] },
    title: 'Widget configuration, browser to SocialMiner',
    does: 'Third request: the browser asks SocialMiner for the widget configuration. SocialMiner gets it from UCCX (steps 2 to 4) and returns JSON: messages, chat form fields, problem statements with their CSQ tags, colours and fonts.',
    query: { wid: 'chat widget id' },
    required: ['wid'],
  },
  {
    id: 'uccx-chat-config',
    path: /^\/uccx-webservices\/chat\/config\/([^/?#]{1,64})$/,
    server: 'UCCX web services (MADM, UCCX_WEBSERVICES)',
    client: 'SocialMiner',
    where: { flow: 'bubbleChat', steps: [2, 3, 4] },
    title: 'Widget configuration, SocialMiner to UCCX',
    does: 'SocialMiner finds the webhook URL for the widget id in its mmca_webhook table and calls it. UCCX reads the widget from the chatbubble table of db_cra and answers with its configuration; SocialMiner logs the 200 OK in step 4.',
    pathIds: [{ name: 'widget id', meaning: 'chat widget id (wid)', pattern: /^\d{1,10}$/ }],
  },
  {
    id: 'uccx-contact',
    path: /^\/uccx-webservices\/contact$/,
    server: 'UCCX web services (MADM, UCCX_WEBSERVICES)',
    client: 'SocialMiner (HTTP notification rule)',
    where: { flow: 'bubbleChat', steps: [9, 10] },
    title: 'New chat contact notification, SocialMiner to UCCX',
    does: 'SocialMiner notifies UCCX of the new chat social contact (NOTIFICATION_SUCCEEDED when it worked). MADM logs "New incoming contact" and passes the contact to the engine (MIVR) over JMS in step 11.',
  },
  {
    id: 'social-contact-link',
    path: /^\/ccp\/socialcontact\/([^/?#]{1,64})$/,
    server: 'SocialMiner',
    client: 'SocialMiner runtime (link in SOCIAL_CONTACT_CREATED)',
    where: { flow: 'bubbleChat', steps: [7] },
    title: 'Social contact link',
    does: "The social contact SocialMiner's runtime created for this chat.",
    pathIds: [
      {
        name: 'social contact id',
        meaning: 'id of the social contact; UCCX uses the same id as the contact id',
        pattern: /^[0-9A-Fa-f]{32}$/,
      },
    ],
  },
  {
    id: 'social-contact-resource',
    path: /^\/ccp-webapp\/ccp\/socialcontact\/([^/?#]{1,64})$/,
    server: 'SocialMiner',
    client: 'SocialMiner ccppublicapps, UCCX',
    where: { flow: 'bubbleChat', steps: [8, 10] },
    title: 'Social contact resource (REST)',
    does: 'The social contact as a SocialMiner REST resource: CHAT_CREATED names it as Contact=, and UCCX receives it as refURL of the new contact.',
    pathIds: [
      {
        name: 'social contact id',
        meaning: 'id of the social contact; UCCX uses the same id as the contact id',
        pattern: /^[0-9A-Fa-f]{32}$/,
      },
    ],
  },
  {
    id: 'reply-template',
    path: /^\/multisession\/ui\/templates\/reply\/([^/?#]{1,128}\.jsp)$/,
    server: 'SocialMiner',
    client: 'UCCX (replyTemplateURL of the contact)',
    where: { flow: 'bubbleChat', steps: [10] },
    title: 'Chat reply template',
    does: 'The reply template sent to UCCX as replyTemplateURL with the new contact: the SocialMiner page the agent side uses to answer this chat (cisco_agent_ms_chat.jsp is the multi-session chat template).',
    pathIds: [{ name: 'template', meaning: 'reply template page' }],
  },
  {
    id: 'sm-results-page',
    path: /^\/results\.jsp$/,
    server: 'SocialMiner',
    client: 'SocialMiner notification rule',
    where: { flow: 'bubbleChat', steps: [9] },
    title: 'SocialMiner page for one social contact',
    does: 'A SocialMiner page for one social contact of a campaign; it appears among the URLs of the HTTP notification rule printed in step 9.',
    query: { scID: 'social contact id', campaignID: 'SocialMiner campaign of the contact' },
  },
  {
    id: 'ece-entry-point-initialize',
    path: /^\/system\/egain\/chat\/entrypoint\/initialize\/([^/?#]{1,32})$/,
    server: 'ECE web server, answered by the ECE application server',
    client: "customer's browser",
    where: { flow: 'eceChat', steps: [3] },
    title: 'Chat entry point availability check',
    does: 'Sent when the customer opens the entry point URL; the application server decides whether chat is offered. In the JSON answer, checkEligibility.responseType 0 = an agent can take the chat or the queue depth is not reached, 1 = no agent is available, 2 = the maximum queue depth is reached. ECE 11.6 checks the whole MRD (one skill group with an available agent is enough); ECE 12.0 and later count per skill group.',
    pathIds: [{ name: 'entry point id', meaning: 'ECE chat entry point id', pattern: /^\d{1,10}$/ }],
  },
];

export interface FlowUrlParameter {
  name: string;
  value: string;
  meaning?: string;
}

export interface FlowUrl {
  /** The URL as written. */
  url: string;
  host?: string;
  /** The path with markdown-style `\_` escapes removed. */
  path: string;
  query: FlowUrlParameter[];
  /** Ids carried in the path, with their meaning. */
  pathIds: FlowUrlParameter[];
  entry: FlowUrlEntry;
}

/**
 * What a URL (absolute, or a path starting with `/`) means in a known flow; undefined when its
 * path is not in the table.
 */
export function decodeFlowUrl(url: string): Decoded<FlowUrl> | undefined {
  const m = /^(?:https?:\/\/([^/?#\s]{1,255}))?(\/[^?#\s]{0,2048})?(?:\?([^#\s]{0,4096}))?/.exec(url);
  if (!m || m[2] === undefined) {
    // `results.jsp?...` is also written without host or leading slash.
    if (!url.startsWith('results.jsp')) return undefined;
    return decodeFlowUrl('/' + url);
  }
  const path = m[2].replace(/\\_/g, '_');
  for (const entry of FLOW_URLS) {
    const hit = entry.path.exec(path);
    if (!hit) continue;
    const problems: string[] = [];
    const pathIds: FlowUrlParameter[] = [];
    (entry.pathIds ?? []).forEach((id, i) => {
      const value = hit[i + 1];
      if (value === undefined) return;
      pathIds.push({ name: id.name, value, meaning: id.meaning });
      if (id.pattern && !id.pattern.test(value))
        problems.push(`expected ${id.name} ${describePattern(id.pattern)}, found '${value}'`);
    });
    const query = parseQuery(m[3] ?? '', entry);
    for (const name of entry.required ?? []) {
      const found = query.find((p) => p.name === name);
      if (!found)
        problems.push(
          `expected ${name}=<${entry.query?.[name] ?? 'value'}> in the query, found ${query.length ? 'only ' + query.map((p) => p.name).join(', ') : 'no query'}`,
        );
      else if (name === 'wid' && !/^\d{1,10}$/.test(found.value))
        problems.push(`expected a numeric widget id, found '${found.value}'`);
    }
    const value: FlowUrl = { url, path, query, pathIds, entry };
    if (m[1] !== undefined) value.host = m[1];
    return { value, problems };
  }
  return undefined;
}

function describePattern(pattern: RegExp): string {
  return pattern.source.includes('0-9A-Fa-f') ? 'of 32 hexadecimal digits' : 'as a number';
}

function parseQuery(query: string, entry: FlowUrlEntry): FlowUrlParameter[] {
  const params: FlowUrlParameter[] = [];
  for (const part of query.split(/&(?:amp;)?/).slice(0, 64)) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    const param: FlowUrlParameter = { name, value };
    const meaning = entry.query?.[name];
    if (meaning !== undefined) param.meaning = meaning;
    params.push(param);
  }
  return params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A flow URL found in a text. */
export interface FoundFlowUrl extends Decoded<FlowUrl> {
  start: number;
  end: number;
}

// URL characters as they appear in these logs: a comma, a bracket or a quote ends a URL (Java
// dumps and markdown-mangled copies put them right after one).
const URL_CHARS = '[^\\s<>"\'`\\[\\](){}|,]';
const ABSOLUTE_URL = new RegExp(`\\bhttps?://${URL_CHARS}{1,2048}`, 'g');
const BARE_PATH = new RegExp(
  `(?<![\\w/.:@-])(?:/(?:ccp|ccp-webapp|uccx-webservices|multisession|system/egain)/${URL_CHARS}{0,2048}|results\\.jsp\\?${URL_CHARS}{0,2048})`,
  'g',
);

/** Upper bound on URLs reported for one text. */
export const MAX_FLOW_URLS = 500;

/** Every URL of a known flow in `text`, absolute or as a bare path, in order. Linear in the text length. */
export function findFlowUrls(text: string, maxUrls = MAX_FLOW_URLS): FoundFlowUrl[] {
  const found: FoundFlowUrl[] = [];
  for (const pattern of [ABSOLUTE_URL, BARE_PATH]) {
    const re = new RegExp(pattern.source, 'g');
    let m: RegExpExecArray | null;
    while (found.length < maxUrls && (m = re.exec(text)) !== null) {
      const url = trimEndOf(m[0], '.:;!');
      const start = m.index;
      const end = start + url.length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      const decoded = decodeFlowUrl(url);
      if (decoded) found.push({ ...decoded, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
