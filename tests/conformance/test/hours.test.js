// Business hours and offline (issue 21): Queued.offline / open_at / offline_message for a customer whom nobody can
// answer now, sends while offline stored, and QueueLength.offline for the agents.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { joinCustomer, sendAndAck, signInAgent } from '../lib/chat.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

// "closed" is closed all of today: it opens only on the day after tomorrow (UTC), whatever the hour the suite runs.
const now = new Date();
const opens = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2));
const day = opens.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
let server;

before(async () => {
  server = await ServerProcess.start({
    departments: ['closed', 'nobody'],
    extraArgs: ['--hours', `closed=${day.slice(0, 3)} 00:00-24:00 UTC`],
  });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

test('closed: the customer is told when it opens, may write, and no agent gets it', async () => {
  const agent = await signInAgent(server.address, { departments: ['closed'] });
  const customer = await joinCustomer(server.address, { department: 'closed' });

  const queued = await customer.stream.next('queued', 'the offline Queued');
  assert.equal(queued.offline, true);
  assert.equal(queued.no_agent_available, true, 'nobody can answer while closed');
  assert.equal(queued.estimated_wait_seconds, 0, 'no wait is promised');
  assert.equal(Number(queued.open_at.seconds) * 1000, opens.getTime());
  assert.equal(queued.offline_message, `We're offline until ${day} 00:00 (UTC); leave a message and we'll answer here.`);

  const ack = await sendAndAck(customer.stream, 'a message left while closed');
  assert.equal(ack.seq, 1, 'a send while offline is stored');
  const length = await agent.stream.next('queue_length', 'the closed queue of 1', (q) => q.department === 'closed' && q.waiting === 1);
  assert.equal(length.offline, 1, 'it counts as left while offline');
  assert.equal(agent.stream.all('assigned').length, 0, 'no agent gets a conversation while closed');
});

test('open with nobody signed in: offline without open_at, then routed to the first agent', async () => {
  const customer = await joinCustomer(server.address, { department: 'nobody' });

  const queued = await customer.stream.next('queued', 'the offline Queued');
  assert.equal(queued.offline, true);
  assert.equal(queued.open_at, null, 'no opening time: it is open');
  assert.equal(queued.offline_message, "Nobody is signed in right now; leave a message and we'll answer here.");

  await signInAgent(server.address, { departments: ['nobody'] });
  await customer.stream.next('assigned', 'the assignment once an agent signs in');
});
