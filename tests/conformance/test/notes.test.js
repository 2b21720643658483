// Issue 21: private notes and the handover to a named agent (protocol.md, "Private notes and handover"). A note reaches
// the conversation's agents in its place among the messages and never its customer: not a Customer stream (live or
// resumed), not the browser API, not History with the customer's token. A handover's refusals are FAILED_PRECONDITION
// (the conversation stays) and INVALID_ARGUMENT to oneself.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { joinCustomer, messageWithSeq, newId, resumeCustomer, send, sendAndAck, signInAgent, startPair, uniqueName } from '../lib/chat.js';
import { bearer, browserClient, customerHistoryToken, historyClient, unary } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams, EventStream } from '../lib/stream.js';

const SECRET = 'NOTE-conformance-private-words';
let server;

before(async () => {
  server = await ServerProcess.start({
    departments: ['general', 'notelive', 'notebrowser', 'handover', 'handoverno', 'handoverbusy', 'notetransfer', 'notetransfer2'],
    customerGrace: 120,
    agentGrace: 120,
  });
});
after(async () => {
  await server?.dispose();
});
afterEach(cancelAllStreams);

const note = (conversationId, text, clientMsgId = newId()) => ({ note: { conversation_id: conversationId, text, client_msg_id: clientMsgId } });
const handover = (conversationId, agent, noteText = '') => ({ transfer: { conversation_id: conversationId, agent, note: noteText } });
const noTrace = (events, label) => {
  for (const e of events) assert.ok(!JSON.stringify(e).includes(SECRET), `${label} must never carry a note's text`);
  assert.ok(!events.some((e) => e.event === 'note'), `${label} must never carry a PrivateNote event`);
};

test('a note comes back to its agent placed by after_seq; the customer live, resumed and in history never sees it', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'notelive');
  await sendAndAck(customer.stream, 'hello');
  await messageWithSeq(agent.stream, conversationId, 1);
  const clientMsgId = newId();
  agent.stream.write(note(conversationId, SECRET, clientMsgId));
  const mine = await agent.stream.next('note', 'the note back to its writer');
  assert.deepEqual([mine.note_seq, mine.after_seq, mine.client_msg_id, mine.text], [1, 1, clientMsgId, SECRET]);
  agent.stream.write(send('an answer', conversationId));
  await messageWithSeq(customer.stream, conversationId, 2, 'the answer: seq 2, no gap for the note');

  const resumed = await resumeCustomer(server.address, customer.welcome, 0);
  await messageWithSeq(resumed.stream, conversationId, 2, 'the replay');
  const asCustomer = await unary(historyClient(server.address), 'GetTranscript', { conversation_id: conversationId },
    bearer(customerHistoryToken(customer.welcome)));
  assert.deepEqual(asCustomer.notes, []);
  assert.equal(asCustomer.conversation.message_count, 2);
  const asAgents = await unary(historyClient(server.address), 'GetTranscript', { conversation_id: conversationId });
  assert.deepEqual(asAgents.notes.map((n) => [n.text, n.after_seq]), [[SECRET, 1]]);

  noTrace(customer.stream.events, 'the customer stream');
  noTrace(resumed.stream.events, 'the resumed customer stream');
  noTrace([asCustomer], "the customer's transcript");
});

test('the browser API never carries a note, live or on resume', async () => {
  const agent = await signInAgent(server.address, { departments: ['notebrowser'] });
  const client = browserClient(server.address);
  const events = new EventStream(client.Events({ hello: { name: uniqueName('Bob'), department: 'notebrowser' } }), 'browser customer');
  const welcome = await events.next('welcome');
  await events.next('assigned');
  const conversationId = welcome.conversation_id;
  await agent.stream.next('assigned', "the agent's assigned", (a) => a.conversation_id === conversationId);
  agent.stream.write(note(conversationId, SECRET));
  await agent.stream.next('note');
  agent.stream.write(send('hi', conversationId));
  await messageWithSeq(events, conversationId, 1);
  const again = new EventStream(client.Events({ hello: { resume: {
    customer_id: welcome.customer_id, session_token: welcome.session_token, conversation_id: conversationId, last_seq: 0,
  } } }), 'resumed browser customer');
  await messageWithSeq(again, conversationId, 1, 'the replay');
  noTrace(events.events, 'the browser Events stream');
  noTrace(again.events, 'the resumed browser Events stream');
});

test('a handover to a named agent: the note first on its Assigned, the customer told with a new Assigned', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'handover');
  const bob = await signInAgent(server.address, { name: uniqueName('Bob'), departments: ['handover'], capacity: 1 });
  agent.stream.write(handover(conversationId, bob.name, SECRET));
  const taken = await bob.stream.next('assigned', "Bob's assignment");
  assert.deepEqual([taken.conversation_id, taken.handover_note, taken.handover_from], [conversationId, SECRET, agent.name]);
  const told = await customer.stream.next('assigned', "the customer's new assignment", (a) => a.agent_name === bob.name);
  assert.equal(told.handover_note, '');
  const notice = await customer.stream.next('message', 'the system message', (m) => m.from === 'SENDER_ROLE_SYSTEM');
  assert.equal(notice.text, `${agent.name} handed you over to ${bob.name}.`);
  await agent.stream.next('ended', "the first agent's end of it");
  noTrace(customer.stream.events, 'the customer stream');
});

test('a handover to someone not signed in, away or at capacity is FAILED_PRECONDITION; to oneself INVALID_ARGUMENT', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'handoverno');
  const away = await signInAgent(server.address, { departments: ['handoverbusy'], capacity: 2 });
  away.stream.write({ status: { status: 'AGENT_STATUS_AWAY' } });
  await away.stream.next('ready', 'away', (r) => r.status === 'AGENT_STATUS_AWAY');
  const busy = await signInAgent(server.address, { departments: ['handoverbusy'], capacity: 1 });
  await joinCustomer(server.address, { department: 'handoverbusy' });
  await busy.stream.next('assigned', "the busy agent's one conversation");

  const codes = [];
  for (const who of [uniqueName('Nobody'), away.name, busy.name, agent.name]) {
    agent.stream.write(handover(conversationId, who, SECRET));
    codes.push((await agent.stream.next('error', `the refusal for ${who}`)).code);
  }
  assert.deepEqual(codes, ['FailedPrecondition', 'FailedPrecondition', 'FailedPrecondition', 'InvalidArgument']);
  agent.stream.write(send('still mine', conversationId));
  await messageWithSeq(customer.stream, conversationId, 1, 'the first agent still answers');
  assert.equal(customer.stream.all('assigned').length, 1);
  noTrace(customer.stream.events, 'the customer stream');
});

test("a department transfer's note reaches the next agent first", async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'notetransfer');
  agent.stream.write({ transfer: { conversation_id: conversationId, department: 'notetransfer2', note: SECRET } });
  await agent.stream.next('ended', 'transferred away');
  const next = await signInAgent(server.address, { departments: ['notetransfer2'] });
  const taken = await next.stream.next('assigned', "the next agent's assignment", (a) => a.conversation_id === conversationId);
  assert.equal(taken.handover_note, SECRET);
  await customer.stream.next('assigned', "the customer's new assignment", (a) => a.agent_name === next.name);
  noTrace(customer.stream.events, 'the customer stream');
});
