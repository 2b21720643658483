// Chatting: hello, assignment, sends, acks, seqs, idempotent client_msg_id, batches, health and reflection.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import {
  customerStream, joinCustomer, messageWithSeq, newId, send, sendAndAck, signInAgent, startPair, uniqueName,
} from '../lib/chat.js';
import { chatClient, healthClient, historyClient, reflectionClient, unary } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams, EventStream } from '../lib/stream.js';

const departments = ['general', 'happy', 'dedupe', 'batch', 'plain', 'queue', 'two', 'transfer', 'status'];
let server;

before(async () => {
  server = await ServerProcess.start({ departments });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

test('both ways: each side sees every message once with gapless seqs, and the sender gets an ack', async () => {
  const agentName = uniqueName('Ada');
  const agent = await signInAgent(server.address, { name: agentName, departments: ['happy'] });
  assert.equal(agent.ready.name, agentName);
  assert.deepEqual(agent.ready.departments, ['happy']);
  assert.equal(agent.ready.status, 'AGENT_STATUS_AVAILABLE');
  assert.ok(agent.ready.send_limit.per_second > 0 && agent.ready.send_limit.burst > 0, 'ready announces the send limit');
  assert.deepEqual(agent.ready.server_departments, departments);

  const customer = await joinCustomer(server.address, { department: 'happy' });
  const { welcome } = customer;
  assert.match(welcome.customer_id, /^[A-Za-z0-9_-]{1,64}$/);
  assert.match(welcome.conversation_id, /^[A-Za-z0-9_-]{1,64}$/);
  assert.ok(welcome.session_token.length > 0);
  assert.equal(welcome.department, 'happy');
  assert.ok(welcome.send_limit.per_second > 0 && welcome.send_limit.burst > 0, 'welcome announces the send limit');

  const id = welcome.conversation_id;
  const atCustomer = await customer.stream.next('assigned', "the customer's assigned");
  const atAgent = await agent.stream.next('assigned', "the agent's assigned");
  for (const assigned of [atCustomer, atAgent]) {
    assert.equal(assigned.conversation_id, id);
    assert.equal(assigned.agent_name, agentName);
    assert.equal(assigned.agent_id, agent.ready.agent_id);
    assert.equal(assigned.customer_name, customer.name);
    assert.equal(assigned.customer_id, welcome.customer_id);
    assert.equal(assigned.department, 'happy');
  }

  // Alternate sides; every send is acked to its sender with the seq the other side sees.
  const turns = [
    [customer, 'Hi, I was charged twice for order 1042'],
    [agent, 'Sorry about that. Let me look it up.'],
    [customer, 'Thanks'],
    [agent, 'Refunded.\nAnything else?'],
    [customer, 'No, that is all'],
  ];
  const expectedSeq = [1, 2, 3, 4, 5];
  for (const [i, [sender, text]] of turns.entries()) {
    const other = sender === customer ? agent : customer;
    const clientMsgId = newId();
    const ack = await sendAndAck(sender.stream, text, sender === agent ? id : '', clientMsgId);
    assert.equal(ack.seq, expectedSeq[i]);
    assert.equal(ack.conversation_id, id);
    assert.ok(ack.message_id.length > 0);
    const message = await messageWithSeq(other.stream, id, ack.seq, `"${text}" at the other side`);
    assert.equal(message.text, text);
    assert.equal(message.client_msg_id, clientMsgId);
    assert.equal(message.message_id, ack.message_id);
    assert.equal(message.from, sender === customer ? 'SENDER_ROLE_CUSTOMER' : 'SENDER_ROLE_AGENT');
    assert.equal(message.sender_name, sender === customer ? customer.name : agentName);
    assert.ok(message.sent_at, 'a message has sent_at');
  }

  // Each side saw the other's messages as message events and its own as acks: every seq exactly once.
  const seen = (stream) => [...stream.all('message').map((m) => m.seq), ...stream.all('ack').map((a) => a.seq)].sort();
  assert.deepEqual(seen(customer.stream), [1, 2, 3, 4, 5]);
  assert.deepEqual(seen(agent.stream), [1, 2, 3, 4, 5]);
  assert.deepEqual(customer.stream.all('message').map((m) => m.seq), [2, 4], 'the sender gets an ack, not its own message');
});

test('a resent client_msg_id gets the same ack and is stored once', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'dedupe');
  const first = await sendAndAck(customer.stream, 'only once', '', 'retry-1');
  const again = await sendAndAck(customer.stream, 'only once', '', 'retry-1');
  const next = await sendAndAck(customer.stream, 'the next one', '', 'retry-2');
  assert.deepEqual(again, first);
  assert.equal(first.seq, 1);
  assert.equal(next.seq, 2);

  // The same id from the agent is another sender's message: ids are per sender.
  const agentAck = await sendAndAck(agent.stream, 'agent reply', conversationId, 'retry-1');
  assert.equal(agentAck.seq, 3);

  await messageWithSeq(agent.stream, conversationId, 2, 'the second message at the agent');
  const transcript = await unary(historyClient(server.address), 'GetTranscript', { conversation_id: conversationId });
  assert.deepEqual(transcript.messages.map((m) => [m.seq, m.text]), [[1, 'only once'], [2, 'the next one'], [3, 'agent reply']]);
  assert.equal(agent.stream.all('message').filter((m) => m.client_msg_id === 'retry-1').length, 1);
});

test('a burst reaches a client that takes batches in order, and batches keep their rules', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'batch', { customerBatch: true });
  const ids = [];
  for (let i = 1; i <= 40; i++) {
    const command = send(`burst ${i}`, conversationId);
    ids.push(command.send.client_msg_id);
    agent.stream.write(command);
  }
  await messageWithSeq(customer.stream, conversationId, 40, 'the last message of the burst');
  assert.deepEqual(customer.stream.all('message').map((m) => m.text), ids.map((_, i) => `burst ${i + 1}`));
  for (const frame of customer.stream.frames.filter((f) => f.event === 'batch')) {
    assert.ok(frame.batch.events.length >= 1 && frame.batch.events.length <= 64, 'a batch holds 1 to 64 events');
    assert.ok(frame.batch.events.every((e) => e.event !== 'batch'), 'batches are never nested');
  }
});

test('a client that does not ask for batches never gets one', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'plain');
  for (let i = 1; i <= 30; i++) agent.stream.write(send(`one by one ${i}`, conversationId));
  await messageWithSeq(customer.stream, conversationId, 30, 'the last message');
  assert.equal(customer.stream.frames.filter((f) => f.event === 'batch').length, 0);
  assert.equal(agent.stream.frames.filter((f) => f.event === 'batch').length, 0);
});

test('a customer with no agent available is queued with its position', async () => {
  const first = await joinCustomer(server.address, { department: 'queue' });
  const queued = await first.stream.next('queued', 'the first customer queued');
  assert.equal(queued.conversation_id, first.welcome.conversation_id);
  assert.equal(queued.department, 'queue');
  assert.equal(queued.position, 1);
  const second = await joinCustomer(server.address, { department: 'queue' });
  assert.equal((await second.stream.next('queued', 'the second customer queued')).position, 2);

  // An agent signing in takes the first in line and is told how many still wait.
  const agent = await signInAgent(server.address, { departments: ['queue'], capacity: 1 });
  const assigned = await agent.stream.next('assigned', "the agent's assigned");
  assert.equal(assigned.conversation_id, first.welcome.conversation_id);
  await agent.stream.next('queue_length', 'the queue length of 1', (q) => q.department === 'queue' && q.waiting === 1);
  assert.equal((await second.stream.next('queued', 'the second customer moved up')).position, 1);
});

test('hello rules: the first command must be hello, and a second hello is refused', async () => {
  const noHello = new EventStream(chatClient(server.address).Customer(), 'no hello');
  noHello.write(send('hi'));
  const refused = await noHello.ended('the stream refused without hello');
  assert.equal(refused.code, 3 /* INVALID_ARGUMENT */);
  assert.match(refused.details, /first command on a stream must be hello/);

  const customer = await joinCustomer(server.address, { department: 'general' });
  customer.stream.write({ hello: { name: 'again' } });
  const error = await customer.stream.next('error', 'the error for a second hello');
  assert.equal(error.code, 'FailedPrecondition');
  assert.equal(customer.stream.status, null, 'the stream stays open');
});

test('an unknown department ends the stream with InvalidArgument naming the valid ones', async () => {
  const stream = customerStream(server.address, { name: 'Bob', department: 'nowhere' });
  const status = await stream.ended('the refusal of an unknown department');
  assert.equal(status.code, 3 /* INVALID_ARGUMENT */);
  assert.match(status.details, new RegExp(departments.join(', ')));
});

test('health and reflection are served', async () => {
  const health = await unary(healthClient(server.address), 'Check', { service: '' });
  assert.equal(health.status, 'SERVING');

  const reflection = new EventStream(reflectionClient(server.address).ServerReflectionInfo(), 'reflection');
  reflection.write({ host: '', list_services: '' });
  const listed = await reflection.waitFor((r) => r.message_response === 'list_services_response', 'the list of services');
  reflection.end();
  const names = listed.list_services_response.service.map((s) => s.name);
  for (const name of ['supportchat.v1.SupportChat', 'supportchat.v1.History', 'grpc.health.v1.Health']) {
    assert.ok(names.includes(name), `${name} is listed (got ${names.join(', ')})`);
  }
});

test('an agent with two open conversations must name the one it means', async () => {
  const agent = await signInAgent(server.address, { departments: ['two'], capacity: 2 });
  const first = await joinCustomer(server.address, { department: 'two' });
  const second = await joinCustomer(server.address, { department: 'two' });
  for (const c of [first, second]) {
    await agent.stream.next('assigned', `the assignment of ${c.name}`, (a) => a.conversation_id === c.welcome.conversation_id);
  }
  const unnamed = newId();
  agent.stream.write(send('to whom?', '', unnamed));
  const refused = await agent.stream.next('error', 'the refusal of an unnamed send', (e) => e.client_msg_id === unnamed);
  assert.equal(refused.code, 'InvalidArgument');
  assert.match(refused.message, /name the conversation/);
  assert.equal((await sendAndAck(agent.stream, 'to the second', second.welcome.conversation_id)).seq, 1);
  assert.equal((await messageWithSeq(second.stream, second.welcome.conversation_id, 1, 'the named message')).text, 'to the second');
});

test('transfer: the conversation goes to the other department with a notice, and the agent is told it ended for it', async () => {
  const { agent, customer, conversationId } = await startPair(server.address, 'transfer');
  agent.stream.write({ transfer: { conversation_id: conversationId, department: 'transfer' } });
  assert.equal((await agent.stream.next('error', 'the refusal of a transfer to the same department')).code, 'InvalidArgument');

  const receiver = await signInAgent(server.address, { departments: ['general'] });
  agent.stream.write({ transfer: { conversation_id: conversationId, department: 'general' } });
  const ended = await agent.stream.next('ended', 'the end of the transferred conversation for the agent');
  assert.deepEqual([ended.conversation_id, ended.by], [conversationId, 'ENDED_BY_AGENT']);
  const notice = await messageWithSeq(customer.stream, conversationId, 1, 'the transfer notice');
  assert.equal(notice.from, 'SENDER_ROLE_SYSTEM');
  assert.equal(notice.sender_name, 'SupportChat');
  const assigned = await customer.stream.next('assigned', 'the assignment to the receiving agent', (a) => a.agent_id === receiver.ready.agent_id);
  assert.equal(assigned.department, 'general');
  // The receiving agent gets the conversation's history after its Assigned.
  await receiver.stream.next('assigned', "the receiving agent's assigned", (a) => a.conversation_id === conversationId);
  assert.equal((await messageWithSeq(receiver.stream, conversationId, 1, 'the history at the receiving agent')).text, notice.text);
});

test('SetStatus: away takes no new customers, available again does; unspecified is InvalidArgument', async () => {
  const agent = await signInAgent(server.address, { departments: ['status'] });
  agent.stream.write({ status: { status: 'AGENT_STATUS_AWAY', capacity: 0 } });
  assert.equal((await agent.stream.next('ready', 'ready after going away')).status, 'AGENT_STATUS_AWAY');
  const customer = await joinCustomer(server.address, { department: 'status' });
  await customer.stream.next('queued', 'the customer queued while the agent is away');

  agent.stream.write({ status: { status: 'AGENT_STATUS_UNSPECIFIED', capacity: 0 } });
  assert.equal((await agent.stream.next('error', 'the refusal of an unspecified status')).code, 'InvalidArgument');
  agent.stream.write({ status: { status: 'AGENT_STATUS_AVAILABLE', capacity: 101 } });
  assert.equal((await agent.stream.next('error', 'the refusal of capacity 101')).code, 'InvalidArgument');

  agent.stream.write({ status: { status: 'AGENT_STATUS_AVAILABLE', capacity: 2 } });
  const ready = await agent.stream.next('ready', 'ready after coming back');
  assert.deepEqual([ready.status, ready.capacity], ['AGENT_STATUS_AVAILABLE', 2]);
  await customer.stream.next('assigned', 'the waiting customer assigned');
});

test('SetStatus with a status value the protocol does not define is InvalidArgument', async () => {
  const agent = await signInAgent(server.address, { departments: ['status'] });
  agent.stream.write({ status: { status: 7, capacity: 0 } });
  const answer = await agent.stream.waitFor((e) => e.event === 'error' || e.event === 'ready', 'the answer to status 7');
  assert.equal(answer.event, 'error', `status 7 was taken as ${answer.ready?.status}`);
  assert.equal(answer.error.code, 'InvalidArgument');
});
