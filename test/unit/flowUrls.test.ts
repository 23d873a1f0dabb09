import * as assert from 'node:assert/strict';
import { decodeFlowUrl, describeFlowSteps, findFlowUrls, FLOWS } from '../../server/src/decode/flowUrls';
import { flowUrlExplainer } from '../../server/src/explain/flowUrl';
import type { ExplainContext } from '../../server/src/explain/types';
import { assertInert, plainAnyEscape as plain } from './helpers/markdown';
import { exerciseOnHugeInput, assertTotalOnRandomText } from './helpers/explain';

const ctx: ExplainContext = {
  uri: 'file:///logs/console-export.log',
  recordLine: 0,
  findLines: () => [],
  lineText: () => undefined,
};

function ids(url: string) {
  const d = decodeFlowUrl(url);
  return (
    d && {
      entry: d.value.entry.id,
      host: d.value.host,
      path: d.value.pathIds.map((p) => [p.name, p.value]),
      query: d.value.query.map((p) => [p.name, p.value]),
      problems: d.problems,
    }
  );
}

describe('flow URL decoder', () => {
  it('places the three widget requests of step 1', () => {
    assert.deepEqual(ids('https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true'), {
      entry: 'bubble-chat-page',
      host: 'sm-fqdn',
      path: [],
      query: [
        ['host', 'sm-fqdn'],
        ['wid', '1'],
        ['secure', 'true'],
      ],
      problems: [],
    });
    assert.equal(ids('https://sm-fqdn/ccp/ui/js/ccp/bubblechat/ccp-chat-components.js')?.entry, 'bubble-chat-script');
    assert.deepEqual(ids('https://sm-fqdn/ccp/bubblechat?wid=1'), {
      entry: 'bubble-chat-config',
      host: 'sm-fqdn',
      path: [],
      query: [['wid', '1']],
      problems: [],
    });
  });

  it('reads ids carried in paths', () => {
    assert.deepEqual(ids('https://uccx-fqdn/uccx-webservices/chat/config/1')?.path, [['widget id', '1']]);
    assert.deepEqual(ids('https://sm-fqdn/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6')?.path, [
      ['social contact id', '0D66B2241000016500235A740A4E5BA6'],
    ]);
    assert.deepEqual(
      ids('http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6')?.entry,
      'social-contact-resource',
    );
    assert.deepEqual(ids('http://ece-web/system/egain/chat/entrypoint/initialize/1001')?.path, [
      ['entry point id', '1001'],
    ]);
    assert.equal(ids('https://uccx-fqdn/uccx-webservices/contact')?.entry, 'uccx-contact');
  });

  it('undoes markdown escapes in the reply template path', () => {
    const d = decodeFlowUrl('http://sm-fqdn/multisession/ui/templates/reply/cisco\\_agent\\_ms\\_chat.jsp');
    assert.equal(d?.value.entry.id, 'reply-template');
    assert.equal(d?.value.path, '/multisession/ui/templates/reply/cisco_agent_ms_chat.jsp');
  });

  it('reads results.jsp query ids', () => {
    assert.deepEqual(
      ids('http://sm-fqdn/results.jsp?scID=0D66B2241000016500235A740A4E5BA6&campaignID=CCX_Chat_Campaign')?.query,
      [
        ['scID', '0D66B2241000016500235A740A4E5BA6'],
        ['campaignID', 'CCX_Chat_Campaign'],
      ],
    );
  });

  it('reports missing or malformed ids and ignores unknown paths', () => {
    assert.deepEqual(ids('https://sm-fqdn/ccp/bubblechat')?.problems, [
      'expected wid=<chat widget id> in the query, found no query',
    ]);
    assert.deepEqual(ids('https://sm-fqdn/ccp/bubblechat?wid=abc')?.problems, [
      "expected a numeric widget id, found 'abc'",
    ]);
    assert.deepEqual(ids('https://sm-fqdn/ccp/socialcontact/xyz')?.problems, [
      "expected social contact id of 32 hexadecimal digits, found 'xyz'",
    ]);
    assert.equal(decodeFlowUrl('https://example.com/index.html'), undefined);
    assert.equal(decodeFlowUrl('https://sm-fqdn'), undefined);
  });

  it('finds URLs in log lines, ending at brackets, commas and angle brackets', () => {
    const consoleLine = 'GET https://sm-fcdn/ccp/bubblechat?wid=1[HTTP/1.1 200 OK 289ms]';
    assert.deepEqual(
      findFlowUrls(consoleLine).map((f) => consoleLine.slice(f.start, f.end)),
      ['https://sm-fcdn/ccp/bubblechat?wid=1'],
    );
    const restInfo = 'Fetching bubble chat config from hook url:\n<https://uccx-fqdn/uccx-webservices/chat/config/1>';
    assert.deepEqual(
      findFlowUrls(restInfo).map((f) => f.value.url),
      ['https://uccx-fqdn/uccx-webservices/chat/config/1'],
    );
    const madm =
      'Request Url: <https://uccx-fqdn/uccx-webservices/chat/config/1>. and /ccp/bubblechat?wid=2, refURL=http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6, x';
    assert.deepEqual(
      findFlowUrls(madm).map((f) => f.value.entry.id),
      ['uccx-chat-config', 'bubble-chat-config', 'social-contact-resource'],
    );
    const api = 'http://<ECE_WEB_Server_IP>/system/egain/chat/entrypoint/initialize/1001';
    assert.deepEqual(
      findFlowUrls(api).map((f) => [f.value.entry.id, f.value.pathIds[0].value, api.slice(f.start, f.end)]),
      [['ece-entry-point-initialize', '1001', '/system/egain/chat/entrypoint/initialize/1001']],
    );
  });

  it('describes flow steps', () => {
    assert.equal(FLOWS.bubbleChat.steps.length, 19);
    assert.deepEqual(describeFlowSteps({ flow: 'bubbleChat', steps: [7] }), [
      'Bubble chat (UCCX and SocialMiner 11.6(2)), step 7 of 19: SocialMiner runtime: the social contact is created',
    ]);
  });
});

describe('flow URL explainer', () => {
  it('keeps query text inert in the hover', () => {
    const [m] = flowUrlExplainer.find('/ccp/bubblechat?wid=1&<img=x&a=![i]', ctx);
    assertInert(m.render(ctx));
  });

  it('renders the step, what the call does and its ids', () => {
    const line = 'GET https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true';
    const [m] = flowUrlExplainer.find(line, ctx);
    assert.equal(line.slice(m.start, m.end), 'https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true');
    const text = plain(m.render(ctx));
    assert.match(text, /^\*\*Bubble chat widget page\*\* `\/ccp\/ui\/BubbleChat\.html`/);
    assert.match(
      text,
      /- Bubble chat \(UCCX and SocialMiner 11\.6\(2\)\), step 1 of 19: Browser console: the customer clicks to chat/,
    );
    assert.match(text, /First of the three requests/);
    assert.match(text, /From customer's browser to SocialMiner\./);
    assert.match(text, /\| wid \| `1` \| chat widget id \|/);
    assert.match(text, /\| host \| `sm-fqdn` \| server addressed \|/);
  });

  it('renders the ECE entry point check with its response codes', () => {
    const [m] = flowUrlExplainer.find('http://ece/system/egain/chat/entrypoint/initialize/1001', ctx);
    const text = plain(m.render(ctx));
    assert.match(text, /ECE agent login and chat availability \(ECE 11\.6 with UCCE\), step 3 of 3/);
    assert.match(
      text,
      /checkEligibility\.responseType 0 = an agent can take the chat or the queue depth is not reached, 1 = no agent is available, 2 = the maximum queue depth is reached/,
    );
    assert.match(text, /\| entry point id \| `1001` \| ECE chat entry point id \|/);
  });

  it('shows URL text only as code, never as a link', () => {
    const evil = 'https://sm-fqdn/ccp/bubblechat?wid=*x*_y_&evil=javascript:alert&x=%5D(command:ccLogs.revealLine)';
    const [m] = flowUrlExplainer.find(evil, ctx);
    const md = m.render(ctx);
    const outside = md.replace(/`[^`\n]*`/g, 'CODE');
    assert.doesNotMatch(outside, /\]\(|<[a-z]/i);
    assert.doesNotMatch(outside, /javascript|command:/);
  });

  it('never throws on random input', () => {
    assertTotalOnRandomText(
      flowUrlExplainer,
      [
        'https://',
        'h',
        '/ccp/',
        'bubblechat',
        '?',
        'wid=',
        '1',
        '&',
        '/uccx-webservices/',
        'chat/config/',
        'results.jsp?',
        '%',
        '\\_',
        ' ',
        ',',
        '>',
      ],
      ctx,
    );
  });

  it('finishes on 1 MB records', () => {
    const mb = 1024 * 1024;
    for (const input of [
      'https://'.repeat(mb / 8),
      '/ccp/'.repeat(mb / 5),
      'https://sm/ccp/bubblechat?wid=1 '.repeat(mb / 32),
      'x'.repeat(mb),
      Array.from({ length: mb }, (_, i) => 'aZ=[](),: -_%@1\n<>/'.charAt((i * 7919 + (i >> 5)) % 21)).join(''),
      `https://a/${'b'.repeat(mb)}`,
    ]) {
      exerciseOnHugeInput(flowUrlExplainer, input, ctx);
    }
  });
});
