// The browser API (BrowserCustomer) over plain gRPC: an Events stream whose Welcome names it (stream_id), unary calls
// that act on it exactly as commands on a Customer stream would, and the statuses of protocol.md's browser section.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { messageWithSeq, newId, resumeCustomer, signInAgent, uniqueName } from '../lib/chat.js';
import { browserClient, Status, unary, unaryError } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams, EventStream } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({
    departments: ['general', 'browserchat', 'browserretry', 'browsersupersede', 'browserend', 'browserbad'],
    customerGrace: 120,
    agentGrace: 120,
  });
});
after(async () => {
  await server?.dispose();
});
afterEach(cancelAllStreams);

/** Opens Events with `hello` on a connection of its own: { client, stream, welcome, session }. */
async function openEvents(hello, label = 'browser customer') {
  const client = browserClient(server.address);
  const stream = new EventStream(client.Events({ hello }), label);
  const welcome = await stream.next('welcome', `${label}'s welcome`);
  const session = { customer_id: welcome.customer_id, session_token: welcome.session_token, stream_id: welcome.stream_id };
  return { client, stream, welcome, session };
}

const sendRequest = (session, text, clientMsgId = newId()) =>
  ({ session, send: { client_msg_id: clientMsgId, conversation_id: '', text } });

test('Events welcomes with a stream_id; Send answers with the Ack once stored, and Events gets it too', async () => {
  const agent = await signInAgent(server.address, { departments: ['browserchat'] });
  const bob = await openEvents({ name: uniqueName('Bob'), department: 'browserchat', email: 'bob@example.com' });
  assert.match(bob.welcome.stream_id, /^.+$/);
  await bob.stream.next('assigned', "the customer's assigned");
  const assigned = await agent.stream.next('assigned', "the agent's assigned");
  assert.equal(assigned.customer_email, 'bob@example.com');

  const clientMsgId = newId();
  const ack = await unary(bob.client, 'Send', sendRequest(bob.session, 'hello from a browser', clientMsgId));
  assert.deepEqual([ack.seq, ack.client_msg_id, ack.conversation_id], [1, clientMsgId, bob.welcome.conversation_id]);
  const onEvents = await bob.stream.next('ack', 'the ack on Events', (a) => a.client_msg_id === clientMsgId);
  assert.equal(onEvents.seq, 1);
  assert.equal((await messageWithSeq(agent.stream, bob.welcome.conversation_id, 1)).text, 'hello from a browser');

  await unary(bob.client, 'Typing', { session: bob.session, typing: {} });
  await agent.stream.next('typing', 'the typing notice');
  const badRead = await unaryError(bob.client, 'Read', { session: bob.session, read: { seq: 5 } });
  assert.equal(badRead.code, Status.OUT_OF_RANGE);
});

test('a retried Send (same client_msg_id) gets the same Ack and is stored once', async () => {
  const bob = await openEvents({ name: uniqueName('Bob'), department: 'browserretry' });
  const request = sendRequest(bob.session, 'only once');
  const first = await unary(bob.client, 'Send', request);
  const again = await unary(bob.client, 'Send', request);
  const next = await unary(bob.client, 'Send', sendRequest(bob.session, 'the next one'));
  assert.deepEqual([again.seq, again.message_id], [first.seq, first.message_id]);
  assert.equal(next.seq, first.seq + 1);
});

test('a newer stream of the customer closes the older with ABORTED, and calls naming the older are ABORTED', async () => {
  const first = await openEvents({ name: uniqueName('Bob'), department: 'browsersupersede' }, 'first stream');
  await unary(first.client, 'Send', sendRequest(first.session, 'from the first stream'));
  const second = await openEvents({
    resume: {
      customer_id: first.welcome.customer_id, session_token: first.welcome.session_token,
      conversation_id: first.welcome.conversation_id, last_seq: 0,
    },
  }, 'second stream');

  const closed = await first.stream.ended('the first stream closed');
  assert.deepEqual([closed.code, closed.details], [Status.ABORTED, 'replaced by a newer connection']);
  const late = await unaryError(first.client, 'Send', sendRequest(first.session, 'too late'));
  assert.equal(late.code, Status.ABORTED);
  assert.equal((await unary(second.client, 'Send', sendRequest(second.session, 'from the second stream'))).seq, 2);

  // A bidi Customer resume replaces the browser stream the same way.
  const bidi = await resumeCustomer(server.address, second.welcome, 2, 'bidi customer');
  assert.equal((await second.stream.ended('the second stream closed')).code, Status.ABORTED);
  assert.equal(bidi.welcome.stream_id, '');
});

test('End ends the conversation, then Events closes with OK; later calls are FAILED_PRECONDITION', async () => {
  const agent = await signInAgent(server.address, { departments: ['browserend'] });
  const bob = await openEvents({ name: uniqueName('Bob'), department: 'browserend' });
  await bob.stream.next('assigned', "the customer's assigned");

  await unary(bob.client, 'End', { session: bob.session, end: {} });

  assert.equal((await bob.stream.next('ended', 'ended')).by, 'ENDED_BY_CUSTOMER');
  assert.equal((await bob.stream.ended('Events after End')).code, Status.OK);
  assert.equal((await agent.stream.next('ended', "the agent's ended")).by, 'ENDED_BY_CUSTOMER');
  const after = await unaryError(bob.client, 'Send', sendRequest(bob.session, 'after the end'));
  assert.equal(after.code, Status.FAILED_PRECONDITION);
});

test('bad sessions and hellos are refused with their codes', async () => {
  const bob = await openEvents({ name: uniqueName('Bob'), department: 'browserbad' });
  const forged = await unaryError(bob.client, 'Send', sendRequest({ ...bob.session, session_token: '1.forged' }, 'x'));
  const unknown = await unaryError(bob.client, 'Send', sendRequest({ ...bob.session, stream_id: 'no-such-stream' }, 'x'));
  const missing = await unaryError(bob.client, 'Send', sendRequest({ ...bob.session, stream_id: '' }, 'x'));
  assert.deepEqual([forged.code, unknown.code, missing.code], [Status.UNAUTHENTICATED, Status.UNAVAILABLE, Status.INVALID_ARGUMENT]);

  const badEmail = new EventStream(browserClient(server.address).Events({ hello: { name: 'Eve', email: 'eve at example.com' } }), 'bad email');
  assert.equal((await badEmail.ended('the refused hello')).code, Status.INVALID_ARGUMENT);
});
