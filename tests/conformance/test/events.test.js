// EventFeed.Read: the durable feed, read from a cursor, in order, gapless; with follow it goes on with new events.
// The server has no accounts and listens on loopback, so the admin calls need no token here (docs/protocol.md).
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { joinCustomer, startPair } from '../lib/chat.js';
import { eventFeedClient, Status } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'later'] });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

/** Every event after `since` (no follow): resolves at the end of the stream. */
function readAll(since) {
  return new Promise((resolve, reject) => {
    const events = [];
    const call = eventFeedClient(server.address).Read({ since_cursor: since, follow: false }, { deadline: Date.now() + 20_000 });
    call.on('data', (e) => events.push(e));
    call.on('error', reject);
    call.on('end', () => resolve(events));
  });
}

test('Read returns the events after the cursor in cursor order, gapless, with each kind\'s fields', async () => {
  const { agent, conversationId } = await startPair(server.address, 'general');

  const all = await readAll(0);
  assert.deepEqual(all.map((e) => e.cursor), all.map((_, i) => i + 1), 'cursors are 1, 2, 3 … with no gap');
  const signedIn = all.find((e) => e.kind === 'agent.signed_in' && e.agent_name === agent.name);
  assert.ok(signedIn, 'the agent signed in');
  assert.equal(signedIn.status, 'available');
  const mine = all.filter((e) => e.conversation_id === conversationId);
  assert.deepEqual(mine.map((e) => e.kind), ['conversation.queued', 'conversation.assigned']);
  assert.equal(mine[0].department, 'general');
  assert.equal(mine[0]._agent_id, undefined, 'queued: no agent (the optional field is absent)');
  assert.equal(mine[1]._agent_id, 'agent_id', 'assigned: the agent field is present');
  assert.ok(mine[1].agent_name.length > 0, 'assigned: the agent is named');
  assert.ok(Number(mine[1].at.seconds) > 0, 'at is a timestamp');

  const since = await readAll(mine[0].cursor);
  assert.equal(since[0].cursor, mine[0].cursor + 1, 'since_cursor: the events after it');
});

test('Read with follow sends the stored events, then new ones as they are committed', async () => {
  const stored = await readAll(0);
  const last = stored.length === 0 ? 0 : stored[stored.length - 1].cursor;
  const call = eventFeedClient(server.address).Read({ since_cursor: last, follow: true });
  const seen = [];
  const arrived = new Promise((resolve, reject) => {
    call.on('data', (e) => {
      seen.push(e);
      if (e.kind === 'conversation.queued' && e.department === 'later') resolve(e);
    });
    call.on('error', (error) => { if (error.code !== Status.CANCELLED) reject(error); });
  });

  const late = await joinCustomer(server.address, { department: 'later' });
  const queued = await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('no queued event on the followed feed')), 20_000))]);
  call.cancel();
  assert.equal(queued.conversation_id, late.welcome.conversation_id);
  assert.equal(seen[0].cursor, last + 1, 'it goes on right after the cursor');
});

test('Read refuses a negative cursor with INVALID_ARGUMENT', async () => {
  await assert.rejects(readAll(-1), (error) => error.code === Status.INVALID_ARGUMENT);
});
