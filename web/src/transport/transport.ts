// The widget's view of the server: BrowserCustomer (gRPC-Web) for the live conversation and History for the
// rating, with proto types mapped to the widget's own (state/types.ts) at this edge. The controller depends on the
// ChatTransport interface only, so its logic can be tested with a fake.
import { create } from '@bufbuild/protobuf';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, createClient, type Client } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import { BrowserCustomer, BrowserSessionSchema } from '../gen/supportchat/v1/browser_pb.js';
import { EndedBy, SenderRole, type ServerEvent } from '../gen/supportchat/v1/chat_pb.js';
import { History } from '../gen/supportchat/v1/history_pb.js';
import type { CodeName, Role, ServerEv, Session } from '../state/types.js';

export type Hello =
  | { kind: 'new'; name: string; email: string; department: string }
  | { kind: 'resume'; session: Session; lastSeq: number };

/** The live stream a unary call acts on. */
export interface StreamRef {
  session: Session;
  streamId: string;
}

export interface ChatTransport {
  events(hello: Hello, signal: AbortSignal): AsyncIterable<ServerEv>;
  send(ref: StreamRef, clientMsgId: string, text: string): Promise<{ seq: number; at: number }>;
  typing(ref: StreamRef): Promise<void>;
  read(ref: StreamRef, seq: number): Promise<void>;
  end(ref: StreamRef): Promise<void>;
  rate(session: Session, rating: number, comment: string): Promise<void>;
}

/** A call's failure, by its gRPC status code name. */
export class CallError extends Error {
  constructor(
    readonly code: CodeName,
    message: string,
  ) {
    super(message);
  }
}

export function toCallError(error: unknown): CallError {
  if (error instanceof CallError) {
    return error;
  }
  const connect = ConnectError.from(error);
  return new CallError(Code[connect.code] ?? 'Unknown', connect.rawMessage || connect.message);
}

export function grpcWebTransport(baseUrl: string): ChatTransport {
  const transport = createGrpcWebTransport({ baseUrl });
  const browser: Client<typeof BrowserCustomer> = createClient(BrowserCustomer, transport);
  const history: Client<typeof History> = createClient(History, transport);
  const sessionOf = (ref: StreamRef) =>
    create(BrowserSessionSchema, {
      customerId: ref.session.customerId,
      sessionToken: ref.session.sessionToken,
      streamId: ref.streamId,
    });

  return {
    async *events(hello, signal) {
      const customerHello =
        hello.kind === 'new'
          ? { name: hello.name, email: hello.email, department: hello.department }
          : {
              resume: {
                customerId: hello.session.customerId,
                sessionToken: hello.session.sessionToken,
                conversationId: hello.session.conversationId,
                lastSeq: BigInt(hello.lastSeq),
              },
            };
      try {
        for await (const event of browser.events({ hello: customerHello }, { signal })) {
          yield* mapEvent(event);
        }
      } catch (error) {
        throw toCallError(error);
      }
    },
    async send(ref, clientMsgId, text) {
      try {
        const ack = await browser.send({
          session: sessionOf(ref),
          send: { clientMsgId, conversationId: ref.session.conversationId, text },
        });
        return { seq: Number(ack.seq), at: ack.sentAt ? timestampMs(ack.sentAt) : Date.now() };
      } catch (error) {
        throw toCallError(error);
      }
    },
    async typing(ref) {
      await browser.typing({ session: sessionOf(ref), typing: { conversationId: ref.session.conversationId } });
    },
    async read(ref, seq) {
      await browser.read({ session: sessionOf(ref), read: { conversationId: ref.session.conversationId, seq: BigInt(seq) } });
    },
    async end(ref) {
      try {
        await browser.end({ session: sessionOf(ref), end: { conversationId: ref.session.conversationId } });
      } catch (error) {
        throw toCallError(error);
      }
    },
    async rate(session, rating, comment) {
      // The customer's history token, exactly as the .NET client builds it (CustomerJoin.HistoryToken).
      const token = `customer:${session.customerId}:${session.conversationId}:${session.sessionToken}`;
      try {
        await history.rateConversation(
          { conversationId: session.conversationId, rating, comment },
          { headers: { authorization: `Bearer ${token}` } },
        );
      } catch (error) {
        throw toCallError(error);
      }
    },
  };
}

function* mapEvent(event: ServerEvent): Generator<ServerEv> {
  const e = event.event;
  switch (e.case) {
    case 'batch':
      for (const inner of e.value.events) {
        yield* mapEvent(inner);
      }
      return;
    case 'welcome':
      yield {
        kind: 'welcome',
        customerId: e.value.customerId,
        sessionToken: e.value.sessionToken,
        conversationId: e.value.conversationId,
        department: e.value.department,
        streamId: e.value.streamId,
      };
      return;
    case 'queued':
      yield {
        kind: 'queued',
        department: e.value.department,
        position: e.value.position,
        estimatedWaitSeconds: e.value.estimatedWaitSeconds,
        noAgentAvailable: e.value.noAgentAvailable,
        offline: e.value.offline,
        openAt: e.value.openAt ? Number(e.value.openAt.seconds) * 1000 + Math.floor(e.value.openAt.nanos / 1e6) : 0,
        offlineMessage: e.value.offlineMessage,
      };
      return;
    case 'assigned':
      yield { kind: 'assigned', agentName: e.value.agentName, agentTitle: e.value.agentTitle };
      return;
    case 'message':
      yield {
        kind: 'message',
        seq: Number(e.value.seq),
        from: roleOf(e.value.from),
        name: e.value.senderName,
        text: e.value.text,
        at: e.value.sentAt ? timestampMs(e.value.sentAt) : Date.now(),
        clientMsgId: e.value.clientMsgId,
      };
      return;
    case 'ack':
      yield {
        kind: 'ack',
        clientMsgId: e.value.clientMsgId,
        seq: Number(e.value.seq),
        at: e.value.sentAt ? timestampMs(e.value.sentAt) : Date.now(),
      };
      return;
    case 'typing':
      yield { kind: 'typing', name: e.value.name, from: roleOf(e.value.from) };
      return;
    case 'read':
      yield { kind: 'read', seq: Number(e.value.seq), name: e.value.name };
      return;
    case 'ended':
      yield {
        kind: 'ended',
        by:
          e.value.by === EndedBy.CUSTOMER
            ? 'customer'
            : e.value.by === EndedBy.AGENT
              ? 'agent'
              : e.value.by === EndedBy.SYSTEM
                ? 'system'
                : 'unknown',
        reason: e.value.reason,
        lastSeq: Number(e.value.lastSeq),
      };
      return;
    case 'error':
      yield { kind: 'error', code: e.value.code, message: e.value.message, clientMsgId: e.value.clientMsgId };
      return;
    default:
      // Agent-only events (ready, queue_length) and ones this version does not know: nothing to show.
      return;
  }
}

function roleOf(role: SenderRole): Role {
  return role === SenderRole.AGENT ? 'agent' : role === SenderRole.SYSTEM ? 'system' : 'customer';
}
