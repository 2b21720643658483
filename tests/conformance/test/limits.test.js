// Limits that end a stream: the join rate of a connection, a client that does not read, and the server stopping.
// The server runs with small limits (set through its SUPPORTCHAT_ environment keys) so the tests stay short.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, test } from 'node:test';
import { messageWithSeq, resumeCustomer, sendAndAck, startPair } from '../lib/chat.js';
import { Screen } from '../lib/delivery.js';
import { chatClient, Status } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams, EventStream } from '../lib/stream.js';

const JOIN_BURST = 3;
let server;

before(async () => {
  server = await ServerProcess.start({
    departments: ['general', 'joins', 'slow', 'stop'],
    customerGrace: 120,
    agentGrace: 120,
    env: {
      SUPPORTCHAT_Chat__JoinBurstPerConnection: String(JOIN_BURST),
      SUPPORTCHAT_Chat__JoinRatePerConnection: '0.01',
      SUPPORTCHAT_Chat__OutboundQueueSize: '16',
      SUPPORTCHAT_Chat__SendRatePerSecond: '1000',
      SUPPORTCHAT_Chat__SendBurst: '1000',
    },
  });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

/** Bounded polling where the protocol has no event to wait for (a paused client cannot see its own cut-off). */
async function until(condition, what, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await delay(50);
  }
}

test('a connection past its join burst gets RESOURCE_EXHAUSTED for the new stream; another connection still joins', async () => {
  const client = chatClient(server.address);
  const streams = [];
  for (let i = 0; i <= JOIN_BURST; i++) {
    const stream = new EventStream(client.Customer(), `customer ${i + 1} on one connection`);
    stream.write({ hello: { name: `Joiner ${i + 1}`, department: 'joins' } });
    streams.push(stream);
  }
  // The streams are handled concurrently: whichever comes last is the one refused.
  const outcomes = await Promise.all(streams.map((stream) => stream.waitFor((e) => e.event === 'welcome', `${stream.label}'s welcome`)
    .then(() => 'welcome', () => stream.status)));
  const refused = outcomes.filter((o) => o !== 'welcome');
  assert.equal(refused.length, 1, `one of ${JOIN_BURST + 1} joins is refused (${JSON.stringify(outcomes)})`);
  assert.equal(refused[0]?.code, Status.RESOURCE_EXHAUSTED, refused[0]?.details);

  const other = new EventStream(chatClient(server.address).Customer(), 'customer on a fresh connection');
  other.write({ hello: { name: 'Fresh', department: 'joins' } });
  await other.next('welcome', 'the welcome on a fresh connection');
});

test('a client that stops reading is cut off, and resuming brings everything once', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'slow');
  const screen = new Screen(conversationId, 'customer');
  screen.attach(customer.stream);
  customer.stream.call.pause(); // stops reading: HTTP/2 flow control soon stops the server's writes

  // One send at a time, so each reaches the customer's stream as an event of its own (a burst would come as one).
  const count = 120;
  for (let i = 1; i <= count; i++) await sendAndAck(agent.stream, `${i} ${'x'.repeat(3000)}`, conversationId);
  await until(() => server.log.includes('is too slow'), 'the server to cut off the customer that does not read');

  customer.stream.call.resume();
  const status = await customer.stream.ended('the end of the stream that did not read');
  // UNAVAILABLE when the status gets through; when unread data blocks it, the server resets the stream and the client
  // reports the reset (CANCEL → CANCELLED, INTERNAL_ERROR → INTERNAL). Either way: reconnect and resume.
  assert.ok([Status.UNAVAILABLE, Status.CANCELLED, Status.INTERNAL].includes(status.code), `${status.code}: ${status.details}`);
  if (status.code === Status.UNAVAILABLE) assert.match(status.details, /did not read its events in time/);

  const resumed = await resumeCustomer(server.address, customer.welcome, screen.lastSeq);
  screen.attach(resumed.stream);
  await messageWithSeq(resumed.stream, conversationId, count, 'the last message after the resume');
  assert.deepEqual(screen.shown.map((m) => m.seq), Array.from({ length: count }, (_, i) => i + 1));
  assert.deepEqual(screen.gaps, []);
});

// Last: it stops the server.
test('a stopping server closes every open stream with UNAVAILABLE', async () => {
  const { agent, customer } = await startPair(server.address, 'stop');
  const exit = await server.terminate();
  for (const [who, stream] of [['customer', customer.stream], ['agent', agent.stream]]) {
    const status = await stream.ended(`the ${who} stream closing as the server stops`);
    assert.equal(status.code, Status.UNAVAILABLE, `${who}: ${status.details}`);
    assert.match(status.details, /the server is shutting down/);
  }
  assert.equal(exit.code, 0, 'the server exits cleanly on SIGTERM');
});
