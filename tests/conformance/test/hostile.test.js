// Hostile and malformed input: refused precisely, and the stream (or at least the server) goes on.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import grpc from '@grpc/grpc-js';
import {
  agentStream, customerStream, errorFor, messageWithSeq, newId, send, sendAndAck, startPair,
} from '../lib/chat.js';
import { historyClient, Status, unary } from '../lib/grpc.js';
import { Outbox } from '../lib/delivery.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams, EventStream } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'text', 'long', 'big', 'ids', 'flood', 'wire'] });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

test('control and bidi characters in a text are InvalidArgument, and the chat goes on', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'text');
  const hostile = {
    'an escape sequence': 'clear\u001b[2J',
    'BEL': 'ding\u0007',
    'NUL': 'nul\u0000byte',
    'carriage return': 'over\rwrite',
    'DEL': 'del\u007f',
    'C1 CSI': 'csi\u009b31m',
    'a right-to-left override': 'abc\u202edef',
    'a bidi isolate': 'abc\u2066def',
  };
  for (const [what, text] of Object.entries(hostile)) {
    const clientMsgId = newId();
    customer.stream.write(send(text, '', clientMsgId));
    const refused = await errorFor(customer.stream, clientMsgId, `the refusal of ${what}`);
    assert.equal(refused.code, 'InvalidArgument', what);
    assert.match(refused.message, /control or bidirectional-override character \(U\+[0-9A-F]{4}\) at position \d+/, what);
  }
  const ack = await sendAndAck(customer.stream, 'line one\n\tindented line two');
  assert.equal(ack.seq, 1, 'nothing refused was stored');
  assert.equal((await messageWithSeq(agent.stream, conversationId, 1, 'the plain text')).text, 'line one\n\tindented line two');
});

test('texts over 4,000 characters (UTF-16 code units) are InvalidArgument and the stream goes on', async () => {
  const { customer } = await startPair(server.address, 'long');
  for (const [what, text] of [['4,001 characters', 'x'.repeat(4001)], ['100,000 characters', 'y'.repeat(100_000)],
    ['2,001 emoji (4,002 code units)', '😀'.repeat(2001)], ['only whitespace', ' \n\t '], ['empty', '']]) {
    const clientMsgId = newId();
    customer.stream.write(send(text, '', clientMsgId));
    const refused = await errorFor(customer.stream, clientMsgId, `the refusal of ${what}`);
    assert.equal(refused.code, 'InvalidArgument', what);
  }
  assert.equal((await sendAndAck(customer.stream, 'z'.repeat(4000))).seq, 1);
  assert.equal((await sendAndAck(customer.stream, '😀'.repeat(2000))).seq, 2);
});

test('a request message over 256 KB ends only that stream, with RESOURCE_EXHAUSTED', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'big');
  customer.stream.write(send('x'.repeat(300 * 1024)));
  const status = await customer.stream.ended('the end of the stream after a 300 KB message');
  assert.equal(status.code, Status.RESOURCE_EXHAUSTED, status.details);
  assert.equal((await sendAndAck(agent.stream, 'the server is fine', conversationId)).seq, 1);
});

test('client_msg_id: 1 to 64 of A-Z a-z 0-9 - _ . : (anything else is InvalidArgument)', async () => {
  const { customer } = await startPair(server.address, 'ids');
  for (const bad of ['', 'x'.repeat(65), 'has space', 'semi;colon', 'ümlaut']) {
    customer.stream.write(send('hello', '', bad));
    const refused = await customer.stream.next('error', `the refusal of client_msg_id "${bad}"`, (e) => e.client_msg_id === bad);
    assert.equal(refused.code, 'InvalidArgument', `"${bad}"`);
  }
  const longest = `AZaz09-_.:${'x'.repeat(54)}`;
  assert.equal((await sendAndAck(customer.stream, 'hello', '', longest)).seq, 1);
});

test('names: empty, over 100 characters or with control characters end the stream with InvalidArgument', async () => {
  for (const [what, name] of [['empty', ''], ['blank', '   '], ['101 characters', 'n'.repeat(101)],
    ['an escape', 'Eve\u001b[2J'], ['NEL', 'Eve\u0085Mallory'], ['RLO', 'Eve\u202e']]) {
    const customer = customerStream(server.address, { name }, `customer named ${what}`);
    assert.equal((await customer.ended(`the customer refused for ${what}`)).code, Status.INVALID_ARGUMENT, what);
    const agent = agentStream(server.address, { name }, `agent named ${what}`);
    assert.equal((await agent.ended(`the agent refused for ${what}`)).code, Status.INVALID_ARGUMENT, what);
  }
  const longest = customerStream(server.address, { name: 'n'.repeat(100) }, 'customer with a 100-character name');
  await longest.next('welcome', 'the welcome of a 100-character name');
});

test('a command with nothing set is InvalidArgument, and invalid UTF-8 ends the stream with InvalidArgument', async () => {
  const { customer } = await startPair(server.address, 'wire');
  customer.stream.write({});
  assert.equal((await customer.stream.next('error', 'the error for an empty command')).code, 'InvalidArgument');
  assert.equal((await sendAndAck(customer.stream, 'still here')).seq, 1);

  // CustomerCommand { hello = 1: CustomerHello { name = 1: bytes FF FE } } written byte by byte.
  const raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
  const call = raw.makeBidiStreamRequest('/supportchat.v1.SupportChat/Customer', (b) => b, (b) => b);
  const stream = new EventStream(call, 'raw customer');
  stream.write(Buffer.from([0x0a, 0x04, 0x0a, 0x02, 0xff, 0xfe]));
  const status = await stream.ended('the refusal of invalid UTF-8');
  assert.equal(status.code, Status.INVALID_ARGUMENT, status.details);
  raw.close();
});

test('a flood of sends is answered with ResourceExhausted; resent in order, each is stored once', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'flood');
  const outbox = new Outbox();
  const burst = customer.welcome.send_limit.burst;
  const count = burst + 20;
  for (let i = 1; i <= count; i++) outbox.add(`flood ${i}`);
  outbox.attach(customer.stream);
  try {
    await outbox.acknowledged(`all ${count} sends acknowledged`, 30_000);
  } finally {
    outbox.close();
  }

  const codes = new Set(outbox.refusals.map((r) => r.code));
  assert.ok(codes.has('ResourceExhausted'), 'the sends beyond the burst were refused with ResourceExhausted');
  assert.deepEqual([...codes].filter((c) => c !== 'ResourceExhausted' && c !== 'Unavailable'), [], 'no other refusal');
  assert.equal(customer.stream.status, null, 'the stream stays open');
  assert.deepEqual(outbox.entries.map((e) => e.seq).sort((a, b) => a - b), Array.from({ length: count }, (_, i) => i + 1));

  await messageWithSeq(agent.stream, conversationId, count, 'the last flooded message at the agent');
  const transcript = await unary(historyClient(server.address), 'GetTranscript', { conversation_id: conversationId });
  assert.equal(transcript.messages.length, count);
  assert.equal(new Set(transcript.messages.map((m) => m.client_msg_id)).size, count, 'each stored once');
});
