/**
 * Named regular-expression pieces shared by the log grammars.
 *
 * Safety rule (checked by the build): no `*`, `+` or `{n,}` anywhere; every repetition is bounded,
 * and repeated groups end in a character their body cannot contain, so no input can make the
 * matcher backtrack more than the bound per start position.
 */
import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS } from '../../server/src/util/calendarNames';
import { anyOf } from './compose';

const r = String.raw;

// ---- dates and times ----------------------------------------------------------------------------
export const MONTH = anyOf(...MONTH_ABBREVIATIONS);
export const WEEKDAY = anyOf(...WEEKDAY_ABBREVIATIONS);
export const MONTH_NAME = anyOf(...MONTH_NAMES);
/** Day of month, `06` or ` 6`. */
export const DAY = r`[ 0-3]?\d`;
export const YEAR = r`\d{4}`;
/** `09:32:39.144` (Java logs; `,` as the decimal mark is accepted too). */
export const TIME_MS = r`\d{2}:\d{2}:\d{2}[.,]\d{3}`;
/** `09:32:48` */
export const TIME_S = r`\d{2}:\d{2}:\d{2}`;
/** `20:27:32:466`: ICM processes write milliseconds after a colon. */
export const ICM_TIME = r`\d{2}:\d{2}:\d{2}(?::\d{3})?`;
/** `2019-07-20` */
export const ISO_DATE = r`\d{4}-\d{2}-\d{2}`;
/** Zone abbreviations (`IST`, `UTC`, `CEST`). */
export const ZONE_ABBR = r`[A-Z]{2,5}(?![A-Za-z])`;
/** Numeric offsets `+0530`, `-05:00`. */
export const ZONE_OFFSET = r`[+-]\d{2}:?\d{2}(?!\d)`;
/** `GMT+0000`, `UTC-05:00` */
export const GMT_OFFSET = r`(?:GMT|UTC)[+-]\d{2}:?\d{2}(?!\d)`;

// ---- numbers and identifiers --------------------------------------------------------------------
/** A number standing alone: not part of a word, a dotted name or a dash-joined name (`pool-8-thread`). */
export const NUMBER = r`(?<![\w.-])-?\d{1,20}(?:\.\d{1,20})?(?![\w.]|-\w)`;
export const HEX_NUMBER = r`(?<![\w.])0[xX][0-9A-Fa-f]{1,16}(?![\w.])`;
/** 32 hex digits: SocialMiner / UCCX contact ids and session ids. */
export const HEX32_ID = r`(?<![\w-])[0-9A-Fa-f]{32}(?![\w-])`;
export const GUID = r`(?<![\w-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\w-])`;
export const IPV4 = r`(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)`;
export const HOSTNAME = r`[A-Za-z][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){0,8}`;
/** SCREAMING_SNAKE names with at least one underscore (message types, states, feature flags). */
export const SNAKE_CONSTANT = r`(?<![\w$])[A-Z][A-Z0-9]{0,31}(?:_[A-Z0-9]{1,31}){1,15}(?![\w$])`;
export const MESSAGE_TYPE = r`(?<![\w$])[A-Z][A-Z0-9]{0,31}(?:_[A-Z0-9]{1,31}){0,15}_(?:REQ|RESP|IND|CONF|EVENT|MSG|ACK|NAK)(?![\w$])`;
export const AGENT_STATE = r`(?<![\w$])AS_[A-Z][A-Z_]{0,47}(?![\w$])`;

// ---- Java -------------------------------------------------------------------------------------
/** One package segment with its dot, `cisco.`; the dot ends every repetition, so splits are unambiguous. */
export const JAVA_PACKAGE_SEGMENT = r`(?:[a-z][a-z0-9_]{0,63}\.)`;
/** Lower-case package path with its final dot: `com.cisco.wf.` (at least two segments). */
export const JAVA_PACKAGE = `${JAVA_PACKAGE_SEGMENT}{2,32}`;
export const JAVA_CLASS = r`[A-Z][A-Za-z0-9_$]{0,127}`;
export const JAVA_METHOD = r`[a-z][A-Za-z0-9_$]{0,127}`;
/** Names that mark a failure when they appear as a class name. */
export const EXCEPTION_CLASS = r`[A-Z][A-Za-z0-9_$]{0,119}(?:Exception|Error)`;

// ---- addresses ----------------------------------------------------------------------------------
/** URL characters: anything but blanks, quotes, angle/square/curly brackets and parentheses. */
const URL_CHAR = r`[^\s<>"'\[\]{}()|\\^` + '`' + r`]`;
/** A URL, not ending in sentence punctuation. */
export const URL = r`(?<![\w-])(?:https?|wss?|ftp|file)://${URL_CHAR}{1,2048}(?<![.,;:!?])`;
export const JID_LOCAL = r`[\w.+-]{1,128}`;
/** Multi-user-chat room domain, `conference.127.0.0.1`. */
export const MUC_DOMAIN = r`conference\.[A-Za-z0-9.-]{1,253}(?<!\.)`;
export const JID_RESOURCE = r`[^\s\[\]<>,;"'()]{1,256}`;
export const EMAIL_LOCAL = r`[\w.%+-]{1,64}`;
export const EMAIL_DOMAIN = r`[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}`;

// ---- record starts (used by the `while` conditions that keep multi-line regions inside one record) --
export const UCCX_RECORD_START = r`\d{1,12}:[ \t]{1,4}${MONTH}[ \t]{1,2}${DAY}[ \t]{1,2}${TIME_MS}`;
export const SOCIALMINER_RECORD_START = r`(?:\d{1,12}:[ \t]{1,4})?(?:${IPV4}|${HOSTNAME}):[ \t]{1,4}${MONTH}[ \t]{1,2}${DAY}[ \t]{1,2}${YEAR}[ \t]{1,2}${TIME_MS}`;
export const ECE_RECORD_START = r`${ISO_DATE}[ T]${TIME_MS}`;
