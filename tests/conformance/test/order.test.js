// Sender order and exactly-once delivery through refusals and a killed server: a client resends what was not
// acknowledged, with the same ids, in the order first sent; the others and the transcript see each message once, in
// that order.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, test } from 'node:test';
import {
  messageWithSeq, newId, resumeCustomer, send, signInAgent, startPair,
} from '../lib/chat.js';
import { Outbox, Screen } from '../lib/delivery.js';
import { historyClient, unary } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'held', 'refused', 'killed'], customerGrace: 120, agentGrace: 120 });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

const numbered = (i) => `m${String(i).padStart(3, '0')}`;
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The ack or the error answering one client_msg_id. */
const answerFor = (stream, clientMsgId, what) => stream.waitFor(
  (e) => (e.event === 'ack' && e.ack.client_msg_id === clientMsgId) || (e.event === 'error' && e.error.client_msg_id === clientMsgId),
  what,
);

async function transcriptOf(conversationId) {
  return (await unary(historyClient(server.address), 'GetTranscript', { conversation_id: conversationId })).messages;
}

test('a refused send holds back the later sends of that stream to that conversation until it is sent again', async () => {
  const { customer, conversationId } = await startPair(server.address, 'held');
  const { burst } = customer.welcome.send_limit;
  const ids = range(1, burst + 1).map(() => newId());
  ids.forEach((id, i) => customer.stream.write(send(numbered(i + 1), '', id)));
  const refused = await answerFor(customer.stream, ids[burst], 'the answer to the send past the burst');
  assert.equal(refused.event, 'error');
  assert.equal(refused.error.code, 'ResourceExhausted');

  // Wait out the rate limit as the refusal says ("retry in N ms"): the next send is within the rate, yet it must not
  // overtake the refused one.
  const retryIn = Number(/retry in (\d+) ms/.exec(refused.error.message)?.[1] ?? 100);
  await delay(Math.min(retryIn + 50, 2_000));
  const later = newId();
  customer.stream.write(send('sent after the refusal', '', later));
  const held = await answerFor(customer.stream, later, 'the answer to the later send');
  assert.equal(held.event, 'error', `the later send was stored ahead of the refused one (${JSON.stringify(held[held.event])})`);
  assert.equal(held.error.code, 'Unavailable');

  // Resending in the original order releases both, in that order.
  const outbox = new Outbox();
  outbox.add(numbered(burst + 1), ids[burst]);
  outbox.add('sent after the refusal', later);
  outbox.attach(customer.stream);
  try {
    await outbox.acknowledged('the refused and the held-back send acknowledged');
  } finally {
    outbox.close();
  }
  assert.deepEqual(outbox.entries.map((e) => e.seq), [burst + 1, burst + 2]);
  assert.deepEqual((await transcriptOf(conversationId)).map((m) => m.text),
    [...range(1, burst + 1).map(numbered), 'sent after the refusal']);
});

test('sends refused for the rate and resent go-back-N are stored in the order sent', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'refused');
  const count = customer.welcome.send_limit.burst + 30;
  const outbox = new Outbox();
  outbox.attach(customer.stream);
  for (let i = 1; i <= count; i++) {
    outbox.add(numbered(i));
    // A client that keeps typing while refusals come back: sends trickle in across several reads of the server.
    if (i % 10 === 0) await delay(20);
  }
  try {
    await outbox.acknowledged(`all ${count} sends acknowledged`, 30_000);
  } finally {
    outbox.close();
  }
  const screen = new Screen(conversationId, 'agent');
  screen.attach(agent.stream);
  await messageWithSeq(agent.stream, conversationId, count, 'the last message at the agent');
  assert.deepEqual(screen.texts(), range(1, count).map(numbered));
  assert.deepEqual((await transcriptOf(conversationId)).map((m) => m.text), range(1, count).map(numbered));
});

test('kill -9 mid-series: after the restart the series is seen exactly once, in the order sent', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'killed');
  const outbox = new Outbox();
  const customerScreen = new Screen(conversationId, 'customer');
  const agentScreen = new Screen(conversationId, 'agent');
  customerScreen.attach(customer.stream, outbox);
  agentScreen.attach(agent.stream);
  outbox.attach(customer.stream);

  for (const i of range(1, 10)) outbox.add(numbered(i));
  await outbox.acknowledged('the first ten sends acknowledged');
  for (const i of range(11, 25)) outbox.add(numbered(i)); // in flight when the server dies
  await server.kill9();
  await customer.stream.ended('the customer stream ending with the server');
  await agent.stream.ended('the agent stream ending with the server');
  for (const i of range(26, 30)) outbox.add(numbered(i)); // typed while the server is down

  await server.startAgain();
  const agentAgain = await signInAgent(server.address, {
    name: agent.name, departments: ['killed'], cursors: { [conversationId]: agentScreen.lastSeq }, label: 'agent after restart',
  });
  agentScreen.attach(agentAgain.stream);
  const resumed = await resumeCustomer(server.address, customer.welcome, customerScreen.lastSeq, 'customer after restart');
  customerScreen.attach(resumed.stream, outbox);
  outbox.attach(resumed.stream); // resends 11.. in order, with their ids
  for (const i of range(31, 40)) outbox.add(numbered(i));
  try {
    await outbox.acknowledged('every send of the series acknowledged', 30_000);
  } finally {
    outbox.close();
  }

  await messageWithSeq(agentAgain.stream, conversationId, 40, 'the last message of the series at the agent');
  const series = range(1, 40).map(numbered);
  assert.deepEqual(agentScreen.texts(), series, 'the agent saw the series once, in order');
  assert.deepEqual(agentScreen.gaps, [], 'the agent never saw a gap');
  assert.deepEqual(customerScreen.texts(), series, "the customer's own screen shows the series once, in order");
  assert.deepEqual(outbox.entries.map((e) => e.seq), range(1, 40), 'each send acknowledged with its place in the series');

  const transcript = await transcriptOf(conversationId);
  assert.deepEqual(transcript.map((m) => m.text), series, 'the transcript holds the series once, in order');
  assert.deepEqual(transcript.map((m) => m.client_msg_id), outbox.entries.map((e) => e.clientMsgId));
});
