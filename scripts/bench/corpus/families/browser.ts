/**
 * Browser console exports of the bubble chat widget (Firefox "Save all messages"): network lines,
 * the widget configuration JSON on one line after `Response:`, and `CISCO_BUBBLE_CHAT` lines from
 * the form to the transcript popup. A collected bundle holds a few of them, each from a browser
 * that opened several chats in a row.
 */
import { ChatStream, type ChatEvent } from '../chatStream';
import { LocalClock } from '../clock';
import { Rng } from '../prng';
import { Sink, type FileStat } from '../sink';
import { filtered, newTimeline, runWriter, type WriterContext } from '../writer';
import { SM_HOST } from './chatText';

const IST = 330;
const EXPORT_BYTES = 1024 * 1024;
/** About what one chat adds to an export. */
const BYTES_PER_CHAT = 7000;

function widgetConfig(feedId: number, name: string, id: number): string {
  return `{ "feedId": "${feedId}", "postChatRatingEnabled": true, "messages": { "agentJoinTimeoutMsg": "All our customer care representatives are busy. You may wait or try again later.", "transcriptPopupPositiveMsg": "Yes", "transcriptPopupMsg": "Chat has ended. Do you want to download the chat transcript?", "transcriptPopupNegativeMsg": "No", "connectivityErrorMsg": "Chat disconnected due to inactivity timeout or connection failure.", "agentLeftMsg": "\${agent_alias} has left the chat", "ratingButtonText": "Submit", "offHourMessage": "Sorry, we are not available at the moment.", "textForTypingMsg": "Type your message and press Enter", "agentJoinedMsg": "\${agent_alias} has joined", "closeChatPopupMsg": "Do you want to close the chat?", "closeChatPopupNegativeMsg": "No", "ratingLabel": "Rate your chat experience", "chatErrorMsg": "Chat service is currently unavailable. Try later.", "closeChatPopupPositiveMsg": "Yes", "welcomeMessage": "Thank you for contacting us. A customer care representative will assist you soon." }, "contextServiceFieldSets": "", "chatForm": { "bubbleStyle": { "titleText": "Customer Care", "titleTextColor": "#FFFFFF", "buttonText": "Start Chat", "buttonTextColor": "#FFFFFF", "buttonBackgroundColor": "#1D69CC", "problemStmntCaption": "Choose a problem statement", "afterResumeNewChatMsg": "New Message", "agentMessageTextColor": "#FFFFFF", "agentMessageBackgroundColor": "#0AC391", "fontFace": "Helvetica" }, "formFields": [ "Title", "Name", "Email", "PhoneNumber", "AccountNumber", "Details", "Tel\\u00e9fono" ], "problemStatements": { "caption": "Choose a problem statement", "statements": [ { "statement": "Billing", "csqTag": "Chat_Billing" }, { "statement": "Card services", "csqTag": "Chat_Cards" }, { "statement": "Loans", "csqTag": "Chat_Loans" }, { "statement": "Other", "csqTag": "Chat_General" } ] } }, "proactiveChat": false, "name": "${name}", "id": ${id} }`;
}

export function writeBrowser(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'browser');
  const clock = new LocalClock(IST);
  let now = ctx.startA;
  const sink = new Sink({
    root: ctx.root,
    rollBytes: EXPORT_BYTES,
    name: () => {
      const local = new Date(now + IST * 60_000);
      return `browser/console-export-${local.getUTCFullYear()}-${local.getUTCMonth() + 1}-${local.getUTCDate()}_${local.getUTCHours()}-${local.getUTCMinutes()}-${local.getUTCSeconds()}.log`;
    },
  });
  const chats = ctx.window / ctx.chatGapMs;
  const stride = Math.max(1, Math.round((chats * BYTES_PER_CHAT) / ctx.budget));
  const all = new ChatStream({
    seed: ctx.seed,
    start: ctx.startA,
    meanGapMs: ctx.chatGapMs,
    world: ctx.world,
    knownIndex: ctx.known.contactIndex,
  });
  // Only the chats this browser opened: every stride-th one, and the followed one.
  const mine = (e: ChatEvent): boolean => e.chat.index % stride === 0 || e.chat.index === ctx.known.contactIndex;
  const source = filtered(all, mine);
  const w = (t: number, text: string): void => {
    now = t;
    sink.write(text);
  };
  const bubble = (t: number, text: string, source?: number): void =>
    w(
      t,
      `${clock.browser(t)} GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:${text}${source ? ` ccp-chat-components.js:1:${source}` : ''}`,
    );
  const render = (e: ChatEvent): void => {
    const c = e.chat;
    switch (e.kind) {
      case 'config':
        w(
          e.t,
          `GET https://${SM_HOST}/ccp/ui/BubbleChat.html?host=${SM_HOST}&wid=${c.widget.id}&secure=true [HTTP/1.1 200 OK 0ms]`,
        );
        w(e.t, `GET https://${SM_HOST}/ccp/ui/js/ccp/bubblechat/ccp-chat-components.js [HTTP/1.1 200 OK 0ms]`);
        w(
          e.t,
          "Content Security Policy: Ignoring “'unsafe-inline'” within script-src: nonce-source or hash-source specified",
        );
        w(e.t, `GET https://${SM_HOST}/ccp/bubblechat?wid=${c.widget.id} [HTTP/1.1 200 OK ${rng.range(60, 300)}ms]`);
        w(e.t, 'Response:');
        w(e.t, widgetConfig(100_000 + c.widget.id, c.widget.name, c.widget.id));
        w(e.t, `GET https://${SM_HOST}/favicon.ico [HTTP/1.1 404 Not Found ${rng.range(2, 9)}ms]`);
        bubble(e.t + 300, `Loaded chat widget configuration for widget ${c.widget.name} (id ${c.widget.id})`, 9312);
        bubble(e.t + 310, 'Rendering chat form with 7 form fields and 4 problem statements', 9790);
        break;
      case 'session':
        bubble(e.t - 90, `Chat form submitted. Problem statement: ${c.csq.problem}, csqTag: ${c.csq.tag}`, 11046);
        w(e.t, `POST https://${SM_HOST}/ccp/chat [HTTP/1.1 200 OK ${rng.range(60, 200)}ms]`);
        bubble(e.t + 100, 'Chat session created. Response code: 200', 12877);
        bubble(e.t + 100, 'Displaying welcome message');
        bubble(e.t + 100, 'Waiting for an agent to join, agentJoinTimeout 300 seconds', 12950);
        break;
      case 'accepted':
        w(
          e.t,
          `GET https://${SM_HOST}/ccp/chat?eventid=${c.eventId++}&all=false [HTTP/1.1 200 OK ${rng.range(1000, 15000)}ms]`,
        );
        bubble(e.t, 'Received chat room status event of type chatroom_agent_joined');
        bubble(e.t, `Displaying agentJoinedMsg for agent alias ${c.agent?.id ?? ''}`, 13120);
        break;
      case 'typing':
        w(
          e.t,
          `GET https://${SM_HOST}/ccp/chat?eventid=${c.eventId++}&all=false [HTTP/1.1 200 OK ${rng.range(1000, 15000)}ms]`,
        );
        bubble(e.t, `Received typing status event of type ${e.detail}`);
        break;
      case 'agentMessage':
        bubble(e.t, 'Received message event from agent', 13377);
        if (rng.chance(0.6)) {
          bubble(e.t + 9000, 'Sending message');
          w(e.t + 9000, `PUT https://${SM_HOST}/ccp/chat [HTTP/1.1 200 OK ${rng.range(20, 90)}ms]`);
          bubble(e.t + 9000, 'Message sent successfully. Response code: 200', 12311);
        }
        break;
      case 'leave':
        bubble(e.t - 3000, 'Close chat requested, showing closeChatPopupMsg');
        w(e.t, `DELETE https://${SM_HOST}/ccp/chat [HTTP/1.1 200 OK ${rng.range(20, 90)}ms]`);
        bubble(e.t, 'Left the chat room. Response code: 200', 14102);
        if (c.rating !== undefined) bubble(e.t, 'Showing chat rating form', 14215);
        break;
      case 'feedback':
        w(e.t, `PUT https://${SM_HOST}/ccp/chat/feedback [HTTP/1.1 200 OK ${rng.range(20, 90)}ms]`);
        bubble(e.t, 'Feedback submitted successfully. Response code: 200');
        w(e.t, `DELETE https://${SM_HOST}/ccp/chat/session [HTTP/1.1 200 OK ${rng.range(10, 60)}ms]`);
        bubble(e.t, 'Successfully ended the chat session. Response code: 200', 14634);
        bubble(e.t, 'Successfully cleaned up');
        bubble(e.t, 'Showing transcriptPopupMsg', 14790);
        w(e.t, 'Source map error: Error: request failed with status 404');
        w(e.t, `Resource URL: https://${SM_HOST}/ccp/ui/js/ccp/bubblechat/ccp-chat-components.js`);
        w(e.t, 'Source Map URL: ccp-chat-components.js.map');
        bubble(e.t + 4000, 'Transcript download declined by the user', 14861);
        break;
      case 'abandon':
        bubble(e.t, 'No agent joined within agentJoinTimeout; showing agentJoinTimeoutMsg', 13004);
        w(e.t, `DELETE https://${SM_HOST}/ccp/chat/session [HTTP/1.1 200 OK ${rng.range(10, 60)}ms]`);
        break;
      default:
        break;
    }
  };
  runWriter(sink, ctx.budget, source, newTimeline(), render);
  return sink.files;
}
