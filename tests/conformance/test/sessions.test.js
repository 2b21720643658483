// The stream life cycle: resume from a cursor, leave versus drop, one live stream per participant, cursor ranges,
// read and typing notices.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import {
  agentStream, customerStream, messageWithSeq, resumeCustomer, sendAndAck, signInAgent, startPair,
} from '../lib/chat.js';
import { historyClient, Status, unary } from '../lib/grpc.js';
import { closeAllRelays, relayTo } from '../lib/proxy.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

// Spec rules that end a stream: a server that does not keep them fails these waits quickly.
const RULE_WAIT_MS = 8_000;
let server;

before(async () => {
  // Long grace periods: nothing a test drops is ended or handed on while it runs.
  server = await ServerProcess.start({
    departments: ['general', 'resume', 'resumecancel', 'lost', 'cancel', 'halfclose', 'agentlost', 'end', 'agentcancel', 'agenthalf', 'signoff',
      'supersede', 'supersede2', 'range', 'agentrange', 'read', 'typing', 'cursors'],
    customerGrace: 120,
    agentGrace: 120,
  });
});
after(async () => {
  closeAllRelays();
  await server?.dispose();
});
afterEach(cancelAllStreams);

const statusOf = async (conversationId) => {
  const list = await unary(historyClient(server.address), 'ListConversations', { limit: 0 });
  return list.conversations.find((c) => c.conversation_id === conversationId)?.status;
};

/** Drops the customer's stream: `how` is 'lost' (its connection reset) or 'cancel' (the call cancelled). */
async function resumeAfterDrop(how, department) {
  const relay = await relayTo(server.address);
  const { agent, customer, conversationId } = await startPair(server.address, department, { customerVia: relay.address });
  for (const text of ['one', 'two', 'three']) await sendAndAck(agent.stream, text, conversationId);
  await messageWithSeq(customer.stream, conversationId, 3, 'the third message at the customer');
  if (how === 'lost') relay.cut();
  else customer.stream.cancel();
  await customer.stream.ended('the dropped customer stream');

  for (const text of ['four', 'five', 'six']) await sendAndAck(agent.stream, text, conversationId);
  const resumed = await resumeCustomer(server.address, customer.welcome, 3);
  assert.equal(resumed.welcome.conversation_id, conversationId);
  assert.equal(resumed.welcome.customer_id, customer.welcome.customer_id);
  await messageWithSeq(resumed.stream, conversationId, 6, 'the last missing message');

  // A send's ack comes in seq order after everything before it: once it is here, the replay is complete.
  const ack = await sendAndAck(resumed.stream, 'back again');
  assert.equal(ack.seq, 7);
  assert.deepEqual(resumed.stream.all('message').map((m) => [m.seq, m.text]), [[4, 'four'], [5, 'five'], [6, 'six']]);
  await messageWithSeq(agent.stream, conversationId, 7, 'the customer message after the resume');
}

test('resume after a lost connection replays exactly the missing messages, in order', () => resumeAfterDrop('lost', 'resume'));

test('resume after a cancel replays exactly the missing messages, in order', () => resumeAfterDrop('cancel', 'resumecancel'));

test('a send resent on a new stream gets its original ack', async () => {
  const relay = await relayTo(server.address);
  const { customer, conversationId } = await startPair(server.address, 'resume', { customerVia: relay.address });
  const first = await sendAndAck(customer.stream, 'before the drop', '', 'resent-across-streams');
  relay.cut();
  const resumed = await resumeCustomer(server.address, customer.welcome, 0);
  // The replay brings the stored message back as a message event, and the resend gets the original ack.
  await messageWithSeq(resumed.stream, conversationId, 1, 'the replayed own message');
  const again = await sendAndAck(resumed.stream, 'before the drop', '', 'resent-across-streams');
  assert.deepEqual(again, first);
});

/** The customer's stream ends without EndConversation: the conversation stays open and the customer resumes. */
async function customerDropIsNotLeave(how, department) {
  const relay = await relayTo(server.address);
  const { agent, customer, conversationId } = await startPair(server.address, department, { customerVia: relay.address });
  await sendAndAck(customer.stream, 'hello');
  if (how === 'lost') relay.cut();
  else if (how === 'cancel') customer.stream.cancel();
  else customer.stream.end();

  const resumed = await resumeCustomer(server.address, customer.welcome, 1);
  const assigned = await resumed.stream.next('assigned', 'the assignment repeated on resume');
  assert.equal(assigned.agent_id, agent.ready.agent_id);
  assert.equal((await sendAndAck(resumed.stream, 'still here')).seq, 2);
  await messageWithSeq(agent.stream, conversationId, 2, 'the message after the resume');
  assert.equal(agent.stream.all('ended').length, 0, 'the agent was not told of an end');
  assert.equal(agent.stream.all('message').filter((m) => m.from === 'SENDER_ROLE_SYSTEM').length, 0);
  assert.equal(await statusOf(conversationId), 'active');
}

test('a lost customer connection is a drop: the conversation stays open and the customer resumes',
  () => customerDropIsNotLeave('lost', 'lost'));

test('cancelling the customer stream is a drop, not leaving', () => customerDropIsNotLeave('cancel', 'cancel'));

test('half-closing the customer stream is a drop, not leaving', () => customerDropIsNotLeave('half-close', 'halfclose'));

test('EndConversation is leaving: both are told, then the customer stream closes with OK', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'end');
  await sendAndAck(agent.stream, 'anything else?', conversationId);
  await messageWithSeq(customer.stream, conversationId, 1, 'the agent message');
  customer.stream.write({ end: { conversation_id: conversationId } });

  const endedAtCustomer = await customer.stream.next('ended', 'ended at the customer');
  assert.equal(endedAtCustomer.by, 'ENDED_BY_CUSTOMER');
  assert.equal(endedAtCustomer.last_seq, 1);
  assert.equal((await customer.stream.ended('the customer stream closing')).code, Status.OK);
  const endedAtAgent = await agent.stream.next('ended', 'ended at the agent');
  assert.equal(endedAtAgent.conversation_id, conversationId);
  assert.equal(endedAtAgent.by, 'ENDED_BY_CUSTOMER');

  // The agent's stream goes on; the conversation takes no more messages.
  agent.stream.write({ send: { client_msg_id: 'after-end', conversation_id: conversationId, text: 'hello?' } });
  const refused = await agent.stream.next('error', 'the error for a send after the end', (e) => e.client_msg_id === 'after-end');
  assert.equal(refused.code, 'FailedPrecondition');
  assert.equal(await statusOf(conversationId), 'ended');
});

/** The agent's stream ends without SignOff: signing in again within the grace period, the conversation is its own. */
async function agentDropIsNotLeave(how, department) {
  const relay = await relayTo(server.address);
  const { agent, customer, conversationId } = await startPair(server.address, department, { agentVia: relay.address });
  await sendAndAck(customer.stream, 'are you there?');
  await messageWithSeq(agent.stream, conversationId, 1, 'the customer message');
  if (how === 'lost') relay.cut();
  else if (how === 'cancel') agent.stream.cancel();
  else agent.stream.end();

  const again = await signInAgent(server.address, { name: agent.name, departments: [department], cursors: { [conversationId]: 1 } });
  const assigned = await again.stream.next('assigned', 'the conversation back after the sign-in', (a) => a.conversation_id === conversationId);
  assert.equal(assigned.agent_id, agent.ready.agent_id);
  assert.equal((await sendAndAck(again.stream, 'yes, still here', conversationId)).seq, 2, 'no system notice came first');
  const reply = await messageWithSeq(customer.stream, conversationId, 2, 'the agent reply after its reconnect');
  assert.equal(reply.from, 'SENDER_ROLE_AGENT');
  assert.equal(customer.stream.all('queued').length, 0, 'the customer was not queued again');
  assert.equal(customer.stream.all('assigned').length, 1, 'no new assignment');
}

test('a lost agent connection is a drop: signing in again within the grace period keeps the conversation',
  () => agentDropIsNotLeave('lost', 'agentlost'));

test('cancelling the agent stream is a drop, not signing off', () => agentDropIsNotLeave('cancel', 'agentcancel'));

test('half-closing the agent stream is a drop, not signing off', () => agentDropIsNotLeave('half-close', 'agenthalf'));

test('SignOff is leaving: the stream closes with OK and the conversation goes back to the queue', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'signoff');
  agent.stream.write({ sign_off: {} });

  const status = await agent.stream.ended('the agent stream closing after SignOff', RULE_WAIT_MS);
  assert.equal(status.code, Status.OK, status.details);
  const notice = await messageWithSeq(customer.stream, conversationId, 1, 'the system notice that the agent left');
  assert.equal(notice.from, 'SENDER_ROLE_SYSTEM');
  assert.match(notice.text, /left/);
  const queued = await customer.stream.next('queued', 'the customer back in the queue');
  assert.equal(queued.position, 1);
});

test('a newer customer stream closes the older one with ABORTED', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'supersede');
  const newer = await resumeCustomer(server.address, customer.welcome, 0);

  const status = await customer.stream.ended('the older customer stream closing', RULE_WAIT_MS);
  assert.equal(status.code, Status.ABORTED, status.details);
  assert.match(status.details, /replaced by a newer connection/);
  assert.equal((await sendAndAck(newer.stream, 'from the newer stream')).seq, 1);
  await messageWithSeq(agent.stream, conversationId, 1, 'the message from the newer stream');
  assert.equal(agent.stream.all('ended').length, 0);
});

test('a newer agent stream closes the older one with ABORTED', async () => {
  const { agent, conversationId } = await startPair(server.address, 'supersede2');
  const newer = await signInAgent(server.address, { name: agent.name, departments: ['supersede2'], cursors: { [conversationId]: 0 } });

  const status = await agent.stream.ended('the older agent stream closing', RULE_WAIT_MS);
  assert.equal(status.code, Status.ABORTED, status.details);
  assert.match(status.details, /replaced by a newer connection/);
  await newer.stream.next('assigned', 'the conversation on the newer stream', (a) => a.conversation_id === conversationId);
});

test('a resume last_seq outside 0..last ends the stream with OUT_OF_RANGE', async () => {
  const relay = await relayTo(server.address);
  const { agent, customer, conversationId } = await startPair(server.address, 'range', { customerVia: relay.address });
  await sendAndAck(agent.stream, 'one', conversationId);
  await sendAndAck(agent.stream, 'two', conversationId);
  relay.cut();

  for (const lastSeq of [3, 1000, -1]) {
    const stream = customerStream(server.address, {
      resume: { customer_id: customer.welcome.customer_id, session_token: customer.welcome.session_token, conversation_id: conversationId, last_seq: lastSeq },
    }, `resume after ${lastSeq}`);
    const status = await stream.ended(`the refusal of last_seq ${lastSeq}`, RULE_WAIT_MS);
    assert.equal(status.code, Status.OUT_OF_RANGE, `last_seq ${lastSeq}: ${status.details}`);
  }

  // The last seq itself is in range: nothing to replay.
  const resumed = await resumeCustomer(server.address, customer.welcome, 2);
  assert.equal((await sendAndAck(resumed.stream, 'three')).seq, 3);
  assert.equal(resumed.stream.all('message').length, 0);
});

test("an agent cursor past its conversation's last seq ends the stream with OUT_OF_RANGE", async () => {
  const relay = await relayTo(server.address);
  const { agent, customer, conversationId } = await startPair(server.address, 'agentrange', { agentVia: relay.address });
  await sendAndAck(customer.stream, 'one');
  relay.cut();

  const stream = agentStream(server.address, { name: agent.name, departments: ['agentrange'], cursors: { [conversationId]: 2 } });
  const status = await stream.ended('the refusal of a cursor past the last seq', RULE_WAIT_MS);
  assert.equal(status.code, Status.OUT_OF_RANGE, status.details);
});

test('hello cursors: a negative seq or a malformed conversation id ends the stream with InvalidArgument', async () => {
  const negative = agentStream(server.address, { name: 'Cursor Neg', departments: ['cursors'], cursors: { cabc: -1 } });
  assert.equal((await negative.ended('the refusal of a negative cursor')).code, Status.INVALID_ARGUMENT);
  const malformed = agentStream(server.address, { name: 'Cursor Bad', departments: ['cursors'], cursors: { 'not an id!': 1 } });
  assert.equal((await malformed.ended('the refusal of a malformed cursor id')).code, Status.INVALID_ARGUMENT);
});

test('hello cursors: more than 100 end the stream with InvalidArgument', async () => {
  const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`cnone${i}`, 0]));
  const tooMany = agentStream(server.address, { name: 'Cursor Many', departments: ['cursors'], cursors: many });
  const status = await tooMany.ended('the refusal of 101 cursors', RULE_WAIT_MS);
  assert.equal(status.code, Status.INVALID_ARGUMENT, status.details);
});

test('MarkRead up to a seq the reader has: the other side gets a ReadNotice', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'read');
  await sendAndAck(agent.stream, 'one', conversationId);
  await messageWithSeq(customer.stream, conversationId, 1, 'the agent message');
  customer.stream.write({ read: { conversation_id: conversationId, seq: 1 } });
  const notice = await agent.stream.next('read', 'the read notice');
  assert.deepEqual([notice.conversation_id, notice.seq, notice.name], [conversationId, 1, customer.name]);
});

test('MarkRead outside 1..last is an OutOfRange error event and the stream goes on', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'read');
  await sendAndAck(agent.stream, 'one', conversationId);
  for (const seq of [0, 2]) {
    customer.stream.write({ read: { conversation_id: conversationId, seq } });
    const error = await customer.stream.next('error', `the error for read seq ${seq}`, undefined, RULE_WAIT_MS);
    assert.equal(error.code, 'OutOfRange', `read seq ${seq}: ${error.message}`);
  }
  assert.equal((await sendAndAck(customer.stream, 'still open')).seq, 2);
});

test('typing is relayed to the other side', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'typing');
  customer.stream.write({ typing: { conversation_id: conversationId } });
  const typing = await agent.stream.next('typing', 'the typing notice');
  assert.deepEqual([typing.conversation_id, typing.name, typing.from], [conversationId, customer.name, 'SENDER_ROLE_CUSTOMER']);
});

test('a burst of typing notices is coalesced, not relayed one by one', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'typing');
  for (let i = 0; i < 40; i++) customer.stream.write({ typing: { conversation_id: conversationId } });
  await sendAndAck(customer.stream, 'after typing');
  await messageWithSeq(agent.stream, conversationId, 1, 'the message after the typing burst');
  const relayed = agent.stream.all('typing').length;
  assert.ok(relayed <= 10, `a burst of 40 typing notices is coalesced (the agent got ${relayed})`);
});
