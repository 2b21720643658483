// The protos loaded at run time (no generated code) and the clients the tests use. Each client holds its own
// HTTP/2 connection, as a participant's program would.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));

const definition = protoLoader.loadSync(
  ['supportchat/v1/chat.proto', 'supportchat/v1/history.proto', 'supportchat/v1/browser.proto', 'supportchat/v1/supervisor.proto',
    'supportchat/v1/reports.proto', 'supportchat/v1/events.proto', 'supportchat/v1/canned.proto', 'grpc/health/v1/health.proto',
    'grpc/reflection/v1alpha/reflection.proto'],
  {
    includeDirs: [path.resolve(here, '../../../protos'), path.resolve(here, '../protos')],
    keepCase: true, // field names as in the .proto: client_msg_id, last_seq
    longs: Number, // seqs stay far below 2^53
    enums: String, // 'SENDER_ROLE_CUSTOMER'
    defaults: true,
    oneofs: true, // e.command / e.event name the field that is set
  },
);
const loaded = grpc.loadPackageDefinition(definition);
const v1 = loaded.supportchat.v1;

export const { status: Status, Metadata } = grpc;

const channelOptions = {
  'grpc.use_local_subchannel_pool': 1, // one connection per client, never shared with another client
  'grpc.keepalive_time_ms': 15_000,
  'grpc.keepalive_timeout_ms': 15_000,
};

function make(Service, address) {
  return new Service(address, grpc.credentials.createInsecure(), channelOptions);
}

/** The SupportChat service (Customer and Agent streams) on one connection. */
export const chatClient = (address) => make(v1.SupportChat, address);

/** The BrowserCustomer service (Events and its unary calls) on one connection: the browser API over plain gRPC. */
export const browserClient = (address) => make(v1.BrowserCustomer, address);

/** The History service on one connection. */
export const historyClient = (address) => make(v1.History, address);

/** The Supervisor service (the live view) on one connection. */
export const supervisorClient = (address) => make(v1.Supervisor, address);

/** The Reports service (admin) on one connection. */
export const reportsClient = (address) => make(v1.Reports, address);

/** The EventFeed service (admin) on one connection. */
export const eventFeedClient = (address) => make(v1.EventFeed, address);

/** The CannedReplies service (admin) on one connection. */
export const cannedClient = (address) => make(v1.CannedReplies, address);

export const healthClient = (address) => make(loaded.grpc.health.v1.Health, address);

export const reflectionClient = (address) => make(loaded.grpc.reflection.v1alpha.ServerReflection, address);

/** Call metadata with `authorization: Bearer <token>`. */
export function bearer(token) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

/** The history header of a customer: its own conversation, with its session token from Welcome. */
export const customerHistoryToken = (welcome) =>
  `customer:${welcome.customer_id}:${welcome.conversation_id}:${welcome.session_token}`;

/** A unary call as a promise, bounded by a deadline. */
export function unary(client, method, request, metadata = new grpc.Metadata(), timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + timeoutMs }, (error, response) => {
      if (error) reject(error);
      else resolve(response);
    });
  });
}

/** A unary call that must fail: resolves with the error (code, details), rejects if it succeeded. */
export async function unaryError(client, method, request, metadata) {
  try {
    await unary(client, method, request, metadata);
  } catch (error) {
    return error;
  }
  throw new Error(`${method} succeeded but was expected to fail`);
}
