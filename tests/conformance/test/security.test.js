// Confinement and authentication: a participant reaches only its own conversations; resume and history need the
// customer's session token; agent accounts need their bearer token.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import {
  agentStream, customerStream, joinCustomer, newId, send, sendAndAck, startPair,
} from '../lib/chat.js';
import {
  bearer, customerHistoryToken, historyClient, Metadata, Status, unary, unaryError,
} from '../lib/grpc.js';
import { runCli, ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'mine', 'theirs', 'agents', 'history', 'accounts'] });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

const notAParticipant = (id) => `you are not a participant of conversation ${id}.`;

test("a customer cannot reach another conversation: every command naming one is PermissionDenied and the stream goes on", async () => {
  const mine = await startPair(server.address, 'mine');
  const theirs = await startPair(server.address, 'theirs');
  const { stream } = mine.customer;

  for (const other of [theirs.conversationId, 'cnosuchthing']) {
    const clientMsgId = newId();
    stream.write(send('psst', other, clientMsgId));
    const refused = await stream.next('error', `the send to ${other} refused`, (e) => e.client_msg_id === clientMsgId);
    assert.deepEqual([refused.code, refused.message, refused.conversation_id], ['PermissionDenied', notAParticipant(other), other]);
    for (const command of [{ typing: { conversation_id: other } }, { read: { conversation_id: other, seq: 1 } },
      { end: { conversation_id: other } }]) {
      stream.write(command);
      const error = await stream.next('error', `${Object.keys(command)[0]} on ${other} refused`, (e) => e.conversation_id === other);
      assert.equal(error.code, 'PermissionDenied');
    }
  }

  assert.equal((await sendAndAck(stream, 'my own conversation still works')).seq, 1);
  assert.equal(theirs.agent.stream.all('message').length, 0, 'nothing reached the other conversation');
  assert.equal(theirs.agent.stream.all('ended').length, 0);
});

test("an agent cannot reach another agent's conversation, and a missing one is refused alike", async () => {
  const mine = await startPair(server.address, 'agents');
  const theirs = await startPair(server.address, 'agents');
  const answers = [];
  for (const other of [theirs.conversationId, 'cnosuchthing', 'not an id!']) {
    const clientMsgId = newId();
    mine.agent.stream.write(send('psst', other, clientMsgId));
    answers.push(await mine.agent.stream.next('error', `the send to ${other} refused`, (e) => e.client_msg_id === clientMsgId));
  }
  assert.deepEqual(answers.map((e) => e.code), ['PermissionDenied', 'PermissionDenied', 'PermissionDenied']);
  assert.deepEqual(answers.map((e) => e.message), [notAParticipant(theirs.conversationId), notAParticipant('cnosuchthing'),
    notAParticipant('not an id!')]);

  // An agent with more than one open conversation must name the one it means.
  assert.equal((await sendAndAck(mine.agent.stream, 'named', mine.conversationId)).seq, 1);
});

test('resume needs the session token bound to that customer and conversation: anything else is UNAUTHENTICATED', async () => {
  const a = await joinCustomer(server.address, { department: 'general' });
  const b = await joinCustomer(server.address, { department: 'general' });
  const [expiry] = a.welcome.session_token.split('.');
  const cases = {
    'a forged signature': { ...a.welcome, session_token: `${expiry}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` },
    'a malformed token': { ...a.welcome, session_token: 'garbage' },
    'an empty token': { ...a.welcome, session_token: '' },
    "another customer's conversation": { ...a.welcome, conversation_id: b.welcome.conversation_id },
    "another customer's token": { ...a.welcome, session_token: b.welcome.session_token },
    'a later expiry with the same signature': { ...a.welcome, session_token: `${Number(expiry) + 86400}.${a.welcome.session_token.split('.')[1]}` },
    'no customer id': { ...a.welcome, customer_id: '' },
  };
  for (const [what, w] of Object.entries(cases)) {
    const stream = customerStream(server.address, {
      resume: { customer_id: w.customer_id, session_token: w.session_token, conversation_id: w.conversation_id, last_seq: 0 },
    }, `resume with ${what}`);
    const status = await stream.ended(`the refusal of ${what}`);
    assert.equal(status.code, Status.UNAUTHENTICATED, `${what}: ${status.details}`);
    assert.equal(stream.all('welcome').length, 0);
  }
});

test("history with a customer's session token shows its own conversation only", async () => {
  const mine = await startPair(server.address, 'history');
  const theirs = await startPair(server.address, 'history');
  await sendAndAck(mine.customer.stream, 'my question');
  const history = historyClient(server.address);
  const asCustomer = bearer(customerHistoryToken(mine.customer.welcome));

  const own = await unary(history, 'GetTranscript', { conversation_id: mine.conversationId }, asCustomer);
  assert.deepEqual(own.messages.map((m) => m.text), ['my question']);
  assert.equal(own.conversation.status, 'active');
  const list = await unary(history, 'ListConversations', { limit: 0 }, asCustomer);
  assert.deepEqual(list.conversations.map((c) => c.conversation_id), [mine.conversationId]);

  for (const id of [theirs.conversationId, 'cnosuchthing']) {
    const error = await unaryError(history, 'GetTranscript', { conversation_id: id }, asCustomer);
    assert.equal(error.code, Status.PERMISSION_DENIED, `${id}: ${error.details}`);
  }
  const forged = bearer(customerHistoryToken({ ...mine.customer.welcome, conversation_id: theirs.conversationId }));
  assert.equal((await unaryError(history, 'GetTranscript', { conversation_id: theirs.conversationId }, forged)).code,
    Status.UNAUTHENTICATED);
  const malformed = new Metadata();
  malformed.set('authorization', 'Basic Ym9iOnNlY3JldA==');
  assert.equal((await unaryError(history, 'ListConversations', { limit: 0 }, malformed)).code, Status.UNAUTHENTICATED);

  // Rating: only once the conversation has ended, and only one's own.
  const rate = { conversation_id: mine.conversationId, rating: 5, comment: 'quick' };
  assert.equal((await unaryError(history, 'RateConversation', rate, asCustomer)).code, Status.FAILED_PRECONDITION);
  mine.customer.stream.write({ end: { conversation_id: '' } });
  await mine.customer.stream.next('ended', 'the end of my conversation');
  const rated = await unary(history, 'RateConversation', rate, asCustomer);
  assert.deepEqual([rated.conversation.rating, rated.conversation.rating_comment], [5, 'quick']);
  assert.equal((await unaryError(history, 'RateConversation', { ...rate, rating: 6 }, asCustomer)).code, Status.INVALID_ARGUMENT);
  assert.equal((await unaryError(history, 'RateConversation', { ...rate, conversation_id: theirs.conversationId }, asCustomer)).code,
    Status.PERMISSION_DENIED);
  assert.equal((await unaryError(history, 'RateConversation', rate)).code, Status.PERMISSION_DENIED, 'open mode cannot rate');

  // Open mode (no accounts, loopback only): no token sees everything.
  const open = await unary(history, 'GetTranscript', { conversation_id: theirs.conversationId });
  assert.equal(open.conversation.conversation_id, theirs.conversationId);
  assert.equal((await unaryError(history, 'GetTranscript', { conversation_id: 'cnosuchthing' })).code, Status.NOT_FOUND);
});

// Last: once an account exists the server leaves open mode for good.
test('with an agent account, agents need `authorization: Bearer sct_…` and history needs a token', async () => {
  const output = await runCli(['agents', 'add', '--name', 'Grace Hopper', '--department', 'accounts', '--capacity', '2',
    '--data', server.dataDir]);
  const token = output.trim().split('\n').at(-1).trim();
  assert.match(token, /^sct_/);

  const byToken = agentStream(server.address, { name: 'Somebody Else', departments: ['general'] }, 'agent by token', bearer(token));
  const ready = await byToken.next('ready', 'ready for the account');
  assert.deepEqual([ready.name, ready.departments, ready.capacity], ['Grace Hopper', ['accounts'], 2],
    'the account, not the hello, says who the agent is');

  const cases = [['no token', undefined], ['an unknown token', bearer('sct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')]];
  const notBearer = new Metadata();
  notBearer.set('authorization', token);
  cases.push(['a header without "Bearer "', notBearer]);
  for (const [what, metadata] of cases) {
    const stream = agentStream(server.address, { name: 'Mallory' }, `agent with ${what}`, metadata);
    const status = await stream.ended(`the refusal of ${what}`);
    assert.equal(status.code, Status.UNAUTHENTICATED, `${what}: ${status.details}`);
  }

  const history = historyClient(server.address);
  assert.equal((await unaryError(history, 'ListConversations', { limit: 0 })).code, Status.UNAUTHENTICATED);
  await unary(history, 'ListConversations', { limit: 0 }, bearer(token));

  // Customers need no account.
  const customer = await joinCustomer(server.address, { department: 'accounts' });
  await customer.stream.next('assigned', 'the customer assigned to the account agent');
});
