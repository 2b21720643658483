// CannedReplies (admin) and the list agents get: Ready.canned_replies on sign-in (and on every Ready after it), then
// a CannedRepliesChanged event with the whole list after each add, replace or remove.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { signInAgent, uniqueName } from '../lib/chat.js';
import { bearer, cannedClient, Status, unary, unaryError } from '../lib/grpc.js';
import { runCli, ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'canned'] });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

const pairs = (replies) => replies.map((r) => [r.shortcut, r.text]);

test('add, replace, list and remove; agents get the list on Ready and each change as canned_replies_changed', async () => {
  const client = cannedClient(server.address);
  const added = await unary(client, 'AddCannedReply', { shortcut: 'hello', text: 'Hi {customer}, {agent} here.' });
  assert.deepEqual([added.reply.shortcut, added.replaced], ['hello', false]);

  const agent = await signInAgent(server.address, { departments: ['canned'] });
  assert.deepEqual(pairs(agent.ready.canned_replies), [['hello', 'Hi {customer}, {agent} here.']]);

  const replaced = await unary(client, 'AddCannedReply', { shortcut: 'hello', text: 'Hello {customer}!' });
  assert.equal(replaced.replaced, true);
  let changed = await agent.stream.next('canned_replies_changed', 'the change after the replace');
  assert.deepEqual(pairs(changed.replies), [['hello', 'Hello {customer}!']]);

  await unary(client, 'AddCannedReply', { shortcut: 'Bye', text: 'Bye {customer}' });
  changed = await agent.stream.next('canned_replies_changed', 'the change after the add',
    (c) => c.replies.length === 2);
  assert.deepEqual(pairs(changed.replies), [['Bye', 'Bye {customer}'], ['hello', 'Hello {customer}!']], 'ordinal shortcut order');
  assert.deepEqual(pairs((await unary(client, 'ListCannedReplies', {})).replies), pairs(changed.replies));

  // Ready again (a status change) carries the list as it is now.
  agent.stream.write({ status: { status: 'AGENT_STATUS_AWAY' } });
  const away = await agent.stream.next('ready', 'ready after going away', (r) => r.status === 'AGENT_STATUS_AWAY');
  assert.deepEqual(pairs(away.canned_replies), pairs(changed.replies));

  await unary(client, 'RemoveCannedReply', { shortcut: 'Bye' });
  changed = await agent.stream.next('canned_replies_changed', 'the change after the remove', (c) => c.replies.length === 1);
  assert.deepEqual(pairs(changed.replies), [['hello', 'Hello {customer}!']]);
  await unary(client, 'RemoveCannedReply', { shortcut: 'hello' });
});

test('a malformed shortcut or text is INVALID_ARGUMENT; removing an unknown shortcut is NOT_FOUND', async () => {
  const client = cannedClient(server.address);
  for (const [request, what] of [
    [{ shortcut: '', text: 'x' }, 'an empty shortcut'],
    [{ shortcut: 'two words', text: 'x' }, 'a space in the shortcut'],
    [{ shortcut: 'x'.repeat(33), text: 'x' }, 'a 33-character shortcut'],
    [{ shortcut: 'ok', text: '  ' }, 'a blank text'],
    [{ shortcut: 'ok', text: 'x'.repeat(4001) }, 'a text over 4,000 characters'],
    [{ shortcut: 'ok', text: 'bell \u0007' }, 'a control character'],
  ]) {
    const error = await unaryError(client, 'AddCannedReply', request);
    assert.equal(error.code, Status.INVALID_ARGUMENT, what);
  }

  assert.equal((await unaryError(client, 'RemoveCannedReply', { shortcut: 'nope' })).code, Status.NOT_FOUND);
  assert.deepEqual((await unary(client, 'ListCannedReplies', {})).replies, []);
});

// Last: it leaves the server with accounts (no more open mode).
test('once accounts exist, the calls need an admin token: none is UNAUTHENTICATED, an agent token PERMISSION_DENIED', async () => {
  const client = cannedClient(server.address);
  const agentToken = (await runCli(['agents', 'add', '--name', uniqueName('Ada'), '--department', 'canned', '--data', server.dataDir]))
    .trim().split('\n').at(-1);

  assert.equal((await unaryError(client, 'ListCannedReplies', {})).code, Status.UNAUTHENTICATED);
  assert.equal((await unaryError(client, 'AddCannedReply', { shortcut: 'x', text: 'y' }, bearer(agentToken))).code,
    Status.PERMISSION_DENIED);

  const adminToken = (await runCli(['admin', 'token', '--data', server.dataDir])).trim().split('\n').at(-1);
  const added = await unary(client, 'AddCannedReply', { shortcut: 'x', text: 'y' }, bearer(adminToken));
  assert.equal(added.replaced, false);
});
