// The session kept in sessionStorage, so a reload (or a duplicated tab) resumes the same conversation: the ids and
// token from Welcome, the name, the transcript and its cursor (highest contiguous seq shown), and the sends not yet
// acknowledged with their client_msg_ids, so they go out again with the same ids and are stored once.
// sessionStorage is per tab and per origin: closing the tab forgets the chat (the server ends it after the grace).
import { initialState } from './reducer.js';
import type { ChatState, Line, Pending, Unsent } from './types.js';

export const STORAGE_VERSION = 1;

interface Stored {
  v: number;
  name: string;
  email: string;
  department: string;
  customerId: string;
  sessionToken: string;
  conversationId: string;
  phase: ChatState['phase'];
  agentName: string;
  lastSeq: number;
  seenSeq: number;
  lines: Line[];
  outbox: Pick<Pending, 'clientMsgId' | 'text' | 'createdAt'>[];
  unsent: Unsent[];
  panelOpen: boolean;
  ended: ChatState['ended'];
  rating: ChatState['rating'];
}

export function storageKey(server: string, department: string): string {
  return `supportchat:${server}:${department}`;
}

/** What to keep of the state; null when there is no conversation to come back to. */
export function toStored(state: ChatState): Stored | null {
  if (!state.session || state.phase === 'taken-over') {
    return null;
  }
  return {
    v: STORAGE_VERSION,
    name: state.name,
    email: state.email,
    department: state.department,
    customerId: state.session.customerId,
    sessionToken: state.session.sessionToken,
    conversationId: state.session.conversationId,
    phase: state.phase,
    agentName: state.agentName,
    lastSeq: state.lastSeq,
    seenSeq: state.seenSeq,
    lines: state.lines,
    // Acknowledged-but-held sends are resent too: the server answers them with their original ack.
    outbox: state.outbox.map((p) => ({ clientMsgId: p.clientMsgId, text: p.text, createdAt: p.createdAt })),
    unsent: state.unsent,
    panelOpen: state.panelOpen,
    ended: state.ended,
    rating: state.rating.status === 'sending' ? { ...state.rating, status: 'idle' } : state.rating,
  };
}

/** Writes the session; when the transcript does not fit, keeps the rest and resumes from seq 0 instead. */
export function save(storage: Storage, key: string, state: ChatState): void {
  const stored = toStored(state);
  try {
    if (!stored) {
      storage.removeItem(key);
      return;
    }
    try {
      storage.setItem(key, JSON.stringify(stored));
    } catch {
      // Quota: the server replays the whole conversation on resume, so nothing is lost by not keeping it here.
      storage.setItem(key, JSON.stringify({ ...stored, lines: [], lastSeq: 0, seenSeq: 0 }));
    }
  } catch {
    // Storage refused entirely (private mode, quota): the chat goes on, it just cannot survive a reload.
  }
}

/** The state to start from: a restored session (to resume), or a fresh one. */
export function restore(storage: Storage, key: string, department: string): ChatState {
  let stored: Stored;
  try {
    const raw = storage.getItem(key);
    if (!raw) {
      return initialState(department);
    }
    stored = JSON.parse(raw) as Stored;
  } catch {
    return initialState(department);
  }
  if (stored.v !== STORAGE_VERSION || !stored.customerId || !stored.sessionToken || !stored.conversationId) {
    return initialState(department);
  }
  const lines = Array.isArray(stored.lines) ? stored.lines : [];
  // The cursor must be the highest contiguous seq of what is shown, whatever was written.
  const contiguous = lines.every((l, i) => l.seq === i + 1);
  return {
    ...initialState(stored.department || department),
    name: stored.name,
    email: stored.email ?? '',
    session: { customerId: stored.customerId, sessionToken: stored.sessionToken, conversationId: stored.conversationId },
    phase: stored.phase === 'start' ? 'joining' : stored.phase,
    agentName: stored.agentName ?? '',
    lines: contiguous ? lines : [],
    lastSeq: contiguous ? lines.length : 0,
    seenSeq: contiguous ? Math.min(stored.seenSeq ?? 0, lines.length) : 0,
    outbox: (stored.outbox ?? []).map((p) => ({ ...p, attempts: 0 })),
    unsent: stored.unsent ?? [],
    panelOpen: !!stored.panelOpen,
    ended: stored.ended ?? null,
    rating: stored.rating ?? initialState().rating,
    connection: 'connecting',
  };
}
