// The widget's state machine: a pure function from (state, action) to the next state. The controller feeds it what
// the server and the customer do; the view only renders what it returns. The delivery rules of docs/protocol.md live
// here and in delivery.ts: exactly once on the screen (drop seq ≤ lastSeq, hold seq > lastSeq + 1), the outbox in typing order with one
// send in flight, refused-for-now sends retried first, refused-for-good sends kept as unsent.
import { accept, announce, dropPending, settle } from './delivery.js';
import { queueText } from './selectors.js';
import type { ChatState, CodeName, Line, Pending, ServerEv } from './types.js';

export type Action =
  | { type: 'start'; name: string; email: string; department: string }
  | { type: 'connecting'; attempt: number }
  | { type: 'streamLost'; attempt: number; offline: boolean }
  | { type: 'takenOver' }
  /** The Events stream closed with OK: the conversation is over. */
  | { type: 'closed' }
  /** A resume cursor the server refused as past its end: take the whole transcript again. */
  | { type: 'forgetTranscript' }
  /** The server refused the hello or the resume for good (bad name, expired session…). */
  | { type: 'refused'; message: string; forgetSession: boolean }
  | { type: 'server'; event: ServerEv; now: number }
  | { type: 'compose'; text: string; clientMsgId: string; now: number }
  | { type: 'sendStarted'; clientMsgId: string }
  /** Refused for now (Unavailable, ResourceExhausted, a lost connection): stays first in the outbox. */
  | { type: 'sendRetry'; clientMsgId: string; countsAsAttempt: boolean }
  /** Refused for good: never stored. */
  | { type: 'sendFailed'; clientMsgId: string; reason: string }
  | { type: 'dismissUnsent'; clientMsgId: string }
  | { type: 'panel'; open: boolean; visible: boolean }
  | { type: 'seen'; visible: boolean }
  | { type: 'readSent'; seq: number }
  | { type: 'rating'; status: 'sending' | 'done' | 'error'; rating: number; comment: string; error?: string }
  | { type: 'newChat' }
  | { type: 'tick'; now: number };

/** How long a typing notice shows without another one (the server relays at most one a second). */
export const TYPING_SHOWN_MS = 4000;

/** Sends refused for now this many times on one stream are given up. */
export const MAX_SEND_ATTEMPTS = 20;

export function initialState(department = ''): ChatState {
  return {
    phase: 'start',
    name: '',
    email: '',
    department,
    session: null,
    streamId: '',
    connection: 'idle',
    reconnectAttempt: 0,
    lines: [],
    lastSeq: 0,
    held: [],
    outbox: [],
    inFlight: '',
    unsent: [],
    queue: null,
    agentName: '',
    agentTitle: '',
    agentTypingUntil: 0,
    agentReadSeq: 0,
    seenSeq: 0,
    readSentSeq: 0,
    panelOpen: false,
    ended: null,
    rating: { status: 'idle', rating: 0, comment: '', error: '' },
    notice: '',
    announcement: '',
    announceId: 0,
  };
}

/** Codes that mean "not stored this time: send it again with the same client_msg_id, before anything later". */
export function isRetryable(code: CodeName): boolean {
  // Unavailable and ResourceExhausted by the protocol; the others are what a browser sees when the network or a
  // proxy fails under a call, which says nothing about the message: resending by id is always safe.
  return ['Unavailable', 'ResourceExhausted', 'Unknown', 'Internal', 'Canceled', 'DeadlineExceeded'].includes(code);
}

export function reduce(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case 'start':
      return {
        ...initialState(action.department),
        panelOpen: state.panelOpen,
        name: action.name,
        email: action.email,
        phase: 'joining',
        connection: 'connecting',
      };
    case 'connecting':
      return { ...state, connection: 'connecting', reconnectAttempt: action.attempt, streamId: '', inFlight: '' };
    case 'streamLost': {
      // The send in flight may or may not have been stored: it stays first in the outbox and is resent by id.
      const next: ChatState = {
        ...state,
        streamId: '',
        inFlight: '',
        connection: action.offline ? 'offline' : 'reconnecting',
        reconnectAttempt: action.attempt,
        agentTypingUntil: 0,
      };
      return state.connection === 'live' ? announce(next, action.offline ? 'You are offline.' : 'Connection lost; reconnecting.') : next;
    }
    case 'takenOver':
      return announce(
        { ...state, phase: 'taken-over', connection: 'idle', streamId: '', inFlight: '', agentTypingUntil: 0 },
        'This chat continues in another tab.',
      );
    case 'closed': {
      const next: ChatState = { ...state, connection: 'idle', streamId: '', inFlight: '', agentTypingUntil: 0 };
      return state.phase === 'ended' ? next : onServer(next, { kind: 'ended', by: 'unknown', reason: '', lastSeq: state.lastSeq }, 0);
    }
    case 'forgetTranscript':
      return { ...state, lines: [], held: [], lastSeq: 0, seenSeq: 0, readSentSeq: 0 };
    case 'refused':
      return {
        ...initialState(state.department),
        name: state.name,
        email: state.email,
        panelOpen: state.panelOpen,
        notice: action.message,
        ...(action.forgetSession ? {} : { session: state.session }),
      };
    case 'server':
      return onServer(state, action.event, action.now);
    case 'compose': {
      const text = action.text;
      if (text.trim() === '') {
        return state;
      }
      const pending: Pending = { clientMsgId: action.clientMsgId, text, createdAt: action.now, attempts: 0 };
      return { ...state, outbox: [...state.outbox, pending] };
    }
    case 'sendStarted':
      return { ...state, inFlight: action.clientMsgId };
    case 'sendRetry':
      return {
        ...state,
        inFlight: state.inFlight === action.clientMsgId ? '' : state.inFlight,
        outbox: state.outbox.map((p) =>
          p.clientMsgId === action.clientMsgId && action.countsAsAttempt ? { ...p, attempts: p.attempts + 1 } : p,
        ),
      };
    case 'sendFailed': {
      const failed = state.outbox.find((p) => p.clientMsgId === action.clientMsgId);
      if (!failed) {
        return state;
      }
      return announce(
        {
          ...state,
          inFlight: state.inFlight === action.clientMsgId ? '' : state.inFlight,
          outbox: state.outbox.filter((p) => p !== failed),
          unsent: [...state.unsent, { clientMsgId: failed.clientMsgId, text: failed.text, createdAt: failed.createdAt, reason: action.reason }],
        },
        `Your message was not sent: ${action.reason}`,
      );
    }
    case 'dismissUnsent':
      return { ...state, unsent: state.unsent.filter((u) => u.clientMsgId !== action.clientMsgId) };
    case 'panel': {
      const next = { ...state, panelOpen: action.open };
      return action.open && action.visible ? { ...next, seenSeq: next.lastSeq } : next;
    }
    case 'seen':
      return state.panelOpen && action.visible && state.seenSeq !== state.lastSeq ? { ...state, seenSeq: state.lastSeq } : state;
    case 'readSent':
      return { ...state, readSentSeq: Math.max(state.readSentSeq, action.seq) };
    case 'rating':
      return {
        ...state,
        rating: { status: action.status, rating: action.rating, comment: action.comment, error: action.error ?? '' },
      };
    case 'newChat':
      return { ...initialState(state.department), name: state.name, email: state.email, panelOpen: state.panelOpen };
    case 'tick':
      return state.agentTypingUntil !== 0 && action.now >= state.agentTypingUntil ? { ...state, agentTypingUntil: 0 } : state;
  }
}

function onServer(state: ChatState, ev: ServerEv, now: number): ChatState {
  switch (ev.kind) {
    case 'welcome': {
      // Every (re)connect: keep the newest token; the stream id names this stream in the unary calls.
      const sameConversation = state.session?.conversationId === ev.conversationId;
      const base = sameConversation ? state : { ...state, lines: [], held: [], lastSeq: 0, seenSeq: 0, readSentSeq: 0, agentReadSeq: 0 };
      return {
        ...base,
        session: { customerId: ev.customerId, sessionToken: ev.sessionToken, conversationId: ev.conversationId },
        department: ev.department || state.department,
        streamId: ev.streamId,
        connection: 'live',
        reconnectAttempt: 0,
        inFlight: '',
        notice: '',
        phase: base.phase === 'start' ? 'joining' : base.phase,
      };
    }
    case 'queued': {
      const queue = {
        department: ev.department,
        position: ev.position,
        estimatedWaitSeconds: ev.estimatedWaitSeconds,
        noAgentAvailable: ev.noAgentAvailable,
        offline: ev.offline ?? false,
        openAt: ev.openAt ?? 0,
        offlineMessage: ev.offlineMessage ?? '',
      };
      const changed =
        state.phase !== 'queued' ||
        state.queue?.position !== queue.position ||
        state.queue?.noAgentAvailable !== queue.noAgentAvailable ||
        state.queue?.offline !== queue.offline ||
        state.queue?.openAt !== queue.openAt;
      const next: ChatState = { ...state, phase: state.phase === 'ended' ? 'ended' : 'queued', queue, agentName: '', agentTitle: '' };
      return changed ? announce(next, queueText(queue)) : next;
    }
    case 'assigned': {
      const changed = state.agentName !== ev.agentName || state.phase !== 'chatting';
      const next: ChatState = {
        ...state,
        phase: state.phase === 'ended' ? 'ended' : 'chatting',
        queue: null,
        agentName: ev.agentName,
        agentTitle: ev.agentTitle,
      };
      return changed ? announce(next, `${ev.agentName} joined the chat.`) : next;
    }
    case 'message': {
      // A message of our own (a replay after a resume) stands for the pending send with its client_msg_id.
      const own = ev.from === 'customer';
      const line: Line = { seq: ev.seq, from: ev.from, own, name: ev.name, text: ev.text, at: ev.at, clientMsgId: ev.clientMsgId };
      let next = accept(state, line);
      if (own && ev.clientMsgId && ev.seq <= state.lastSeq) {
        // Stored and shown before: it must not be sent (or shown) again.
        next = dropPending(next, ev.clientMsgId);
      }
      if (ev.from === 'agent') {
        next = { ...next, agentTypingUntil: 0 };
      }
      return next;
    }
    case 'ack': {
      const pending = state.outbox.find((p) => p.clientMsgId === ev.clientMsgId);
      if (ev.seq <= state.lastSeq) {
        // Shown already (the Send's answer and the stream's Ack both come; or a replay came first).
        return dropPending(state, ev.clientMsgId);
      }
      if (!pending) {
        return state;
      }
      const line: Line = {
        seq: ev.seq,
        from: 'customer',
        own: true,
        name: state.name,
        text: pending.text,
        at: ev.at,
        clientMsgId: ev.clientMsgId,
      };
      const next = accept(
        {
          ...state,
          inFlight: state.inFlight === ev.clientMsgId ? '' : state.inFlight,
          outbox: state.outbox.map((p) => (p === pending ? { ...p, ackedSeq: ev.seq, ackedAt: ev.at } : p)),
        },
        line,
      );
      return settle(next, ev.clientMsgId);
    }
    case 'typing':
      if (ev.from === 'customer') {
        return state;
      }
      return { ...state, agentTypingUntil: now + TYPING_SHOWN_MS };
    case 'read':
      return ev.seq > state.agentReadSeq ? { ...state, agentReadSeq: ev.seq } : state;
    case 'ended': {
      if (state.phase === 'ended') {
        return state;
      }
      // Sends still waiting can never be stored now: they are kept as unsent, with their text.
      const waiting = state.outbox.filter((p) => p.ackedSeq === undefined);
      const unsent = [...state.unsent, ...waiting.map((p) => ({ clientMsgId: p.clientMsgId, text: p.text, createdAt: p.createdAt, reason: 'the chat ended first.' }))];
      const outbox = state.outbox.filter((p) => p.ackedSeq !== undefined);
      const who = ev.by === 'customer' ? 'You' : ev.by === 'agent' ? state.agentName || 'The agent' : 'SupportChat';
      return announce(
        { ...state, phase: 'ended', ended: { by: ev.by, reason: ev.reason }, agentTypingUntil: 0, queue: null, outbox, unsent, inFlight: '' },
        `${who} ended the chat.`,
      );
    }
    case 'error':
      // A refused send arrives as the Send call's status; an Error event naming one is handled the same way.
      if (ev.clientMsgId && state.outbox.some((p) => p.clientMsgId === ev.clientMsgId)) {
        return isRetryable(ev.code)
          ? reduce(state, { type: 'sendRetry', clientMsgId: ev.clientMsgId, countsAsAttempt: true })
          : reduce(state, { type: 'sendFailed', clientMsgId: ev.clientMsgId, reason: ev.message });
      }
      return { ...state, notice: ev.message };
  }
}
