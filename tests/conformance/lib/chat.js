// Participants on the wire: opening customer and agent streams, pairing them, and the commands they send.
import { randomUUID } from 'node:crypto';
import { chatClient } from './grpc.js';
import { EventStream } from './stream.js';

let counter = 0;

/** A name no other test on the same server uses (agents in open mode are identified by name). */
export const uniqueName = (base) => `${base} ${process.pid}-${++counter}`;

export const newId = () => randomUUID();

/** A Customer stream with its hello written; the Welcome is not awaited. */
export function customerStream(address, hello, label = 'customer') {
  const stream = new EventStream(chatClient(address).Customer(), label);
  stream.write({ hello });
  return stream;
}

/** An Agent stream with its hello written; `metadata` carries a bearer token where there are accounts. */
export function agentStream(address, hello, label = 'agent', metadata = undefined) {
  const client = chatClient(address);
  const stream = new EventStream(metadata ? client.Agent(metadata) : client.Agent(), label);
  stream.write({ hello });
  return stream;
}

/** A customer that joined: { stream, welcome }. */
export async function joinCustomer(address, { name = uniqueName('Bob'), department = '', batch = false, label = 'customer' } = {}) {
  const stream = customerStream(address, { name, department, batch_events: batch }, label);
  const welcome = await stream.next('welcome', `${label}'s welcome`);
  return { stream, welcome, name };
}

/** A customer coming back to its conversation after `lastSeq`: { stream, welcome }. */
export async function resumeCustomer(address, welcome, lastSeq, label = 'resumed customer') {
  const stream = customerStream(address, {
    resume: {
      customer_id: welcome.customer_id,
      session_token: welcome.session_token,
      conversation_id: welcome.conversation_id,
      last_seq: lastSeq,
    },
  }, label);
  const again = await stream.next('welcome', `${label}'s welcome`);
  return { stream, welcome: again };
}

/** An agent signed in by name (open mode): { stream, ready }. */
export async function signInAgent(address, {
  name = uniqueName('Ada'), departments = [], capacity = 0, cursors = {}, batch = false, label = 'agent',
} = {}) {
  const stream = agentStream(address, { name, departments, capacity, cursors, batch_events: batch }, label);
  const ready = await stream.next('ready', `${label}'s ready`);
  return { stream, ready, name };
}

/**
 * An agent and a customer in one conversation of `department` (give each test a department of its own, so no other
 * test's agent takes its customer). Both have seen Assigned. `agentVia` / `customerVia`: another address to connect
 * through (a relay whose connections the test can cut).
 */
export async function startPair(address, department, {
  customerBatch = false, agentBatch = false, agentVia = address, customerVia = address,
} = {}) {
  const agent = await signInAgent(agentVia, { departments: [department], batch: agentBatch });
  const customer = await joinCustomer(customerVia, { department, batch: customerBatch });
  const conversationId = customer.welcome.conversation_id;
  await customer.stream.next('assigned', "the customer's assigned");
  await agent.stream.next('assigned', "the agent's assigned", (a) => a.conversation_id === conversationId);
  return { agent, customer, conversationId };
}

export const send = (text, conversationId = '', clientMsgId = newId()) =>
  ({ send: { client_msg_id: clientMsgId, conversation_id: conversationId, text } });

/** Sends and waits for the sender's ack: the Ack. */
export async function sendAndAck(stream, text, conversationId = '', clientMsgId = newId()) {
  stream.write(send(text, conversationId, clientMsgId));
  return stream.next('ack', `the ack of "${text.slice(0, 40)}"`, (a) => a.client_msg_id === clientMsgId);
}

/** The Error event answering one client_msg_id. */
export const errorFor = (stream, clientMsgId, what = `the error for ${clientMsgId}`) =>
  stream.next('error', what, (e) => e.client_msg_id === clientMsgId);

/** The next message of a conversation with this seq. */
export const messageWithSeq = (stream, conversationId, seq, what = `message seq ${seq}`) =>
  stream.next('message', what, (m) => m.conversation_id === conversationId && m.seq === seq);
