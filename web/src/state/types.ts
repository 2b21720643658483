// The widget's own vocabulary: what the server told us (ServerEv, mapped from the proto types by the transport) and
// what the view shows (ChatState). Nothing here depends on the generated code, Lit or the network, so the reducer
// that works on it can be unit-tested as plain data.

export type Role = 'customer' | 'agent' | 'system';

/** gRPC status code names as the protocol spells them ("Unavailable", "ResourceExhausted", …). */
export type CodeName = string;

export type ServerEv =
  | {
      kind: 'welcome';
      customerId: string;
      sessionToken: string;
      conversationId: string;
      department: string;
      streamId: string;
    }
  | {
      kind: 'queued';
      department: string;
      position: number;
      estimatedWaitSeconds: number;
      noAgentAvailable: boolean;
      /** Nobody can answer now (closed, or nobody signed in): the customer may leave messages. */
      offline?: boolean;
      /** When a closed department opens (ms), or 0. */
      openAt?: number;
      /** The server's sentence for the customer while offline. */
      offlineMessage?: string;
    }
  | { kind: 'assigned'; agentName: string; agentTitle: string }
  | { kind: 'message'; seq: number; from: Role; name: string; text: string; at: number; clientMsgId: string }
  | { kind: 'ack'; clientMsgId: string; seq: number; at: number }
  | { kind: 'typing'; name: string; from: Role }
  | { kind: 'read'; seq: number; name: string }
  | { kind: 'ended'; by: Role | 'unknown'; reason: string; lastSeq: number }
  | { kind: 'error'; code: CodeName; message: string; clientMsgId: string };

/** A message of the conversation with its seq: shown once, in seq order. */
export interface Line {
  seq: number;
  from: Role;
  /** The customer's own message (sent from this session). */
  own: boolean;
  name: string;
  text: string;
  at: number;
  clientMsgId: string;
}

/** A message the customer typed that the server has not acknowledged yet (or acknowledged ahead of a gap). */
export interface Pending {
  clientMsgId: string;
  text: string;
  createdAt: number;
  /** Set once acknowledged while earlier seqs are still missing: shown in place when the gap fills. */
  ackedSeq?: number;
  ackedAt?: number;
  /** Times it was refused for now (Unavailable, ResourceExhausted) on a live stream, across reconnects. */
  attempts: number;
}

/** A send the server refused for good: it will never be stored. Its text stays for the customer. */
export interface Unsent {
  clientMsgId: string;
  text: string;
  createdAt: number;
  reason: string;
}

export interface Session {
  customerId: string;
  sessionToken: string;
  conversationId: string;
}

export type Phase =
  /** Asking for the name (and optional e-mail). */
  | 'start'
  /** Hello written, no Queued/Assigned yet. */
  | 'joining'
  | 'queued'
  | 'chatting'
  | 'ended'
  /** ABORTED: a newer stream of this customer (another tab) took over. Never reconnects. */
  | 'taken-over';

export type Connection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface QueueInfo {
  department: string;
  position: number;
  estimatedWaitSeconds: number;
  noAgentAvailable: boolean;
  offline: boolean;
  openAt: number;
  offlineMessage: string;
}

export interface RatingState {
  status: 'idle' | 'sending' | 'done' | 'error';
  rating: number;
  comment: string;
  error: string;
}

export interface ChatState {
  phase: Phase;
  name: string;
  email: string;
  department: string;
  session: Session | null;
  /** The live Events stream's id (Welcome.stream_id); empty while no stream is open. */
  streamId: string;
  connection: Connection;
  reconnectAttempt: number;
  /** Shown messages, seq 1 … lastSeq without gaps. */
  lines: Line[];
  /** Highest contiguous seq shown: the resume cursor. */
  lastSeq: number;
  /** Messages that came ahead of a gap (seq > lastSeq + 1), held until it fills. */
  held: Line[];
  /** Unacknowledged sends in the order typed; the first is the only one ever in flight. */
  outbox: Pending[];
  /** client_msg_id of the send in flight, if any. */
  inFlight: string;
  unsent: Unsent[];
  queue: QueueInfo | null;
  agentName: string;
  agentTitle: string;
  /** The agent is typing until this time (ms). */
  agentTypingUntil: number;
  /** Highest seq the agent has read (ReadNotice). */
  agentReadSeq: number;
  /** Highest seq the customer has seen with the panel open. */
  seenSeq: number;
  /** Highest seq sent in a Read call. */
  readSentSeq: number;
  panelOpen: boolean;
  ended: { by: Role | 'unknown'; reason: string } | null;
  rating: RatingState;
  /** One line for the person: a refused form, a session that could not be resumed, … */
  notice: string;
  /** The ARIA live region's text; announceId changes with every announcement so a repeat is read again. */
  announcement: string;
  announceId: number;
}
