// Exactly once on the screen (docs/protocol.md): a line is shown when its seq is the next one, dropped when it is
// shown already, held while a gap is before it; whatever becomes visible settles the sends it stands for.
import type { ChatState, Line } from './types.js';

/** Shows a line exactly once, in seq order: drops what is shown, holds what comes ahead of a gap. */
export function accept(state: ChatState, line: Line): ChatState {
  if (line.seq <= state.lastSeq || state.held.some((h) => h.seq === line.seq)) {
    return state;
  }
  if (line.seq > state.lastSeq + 1) {
    return { ...state, held: [...state.held, line].sort((a, b) => a.seq - b.seq) };
  }
  const lines = [...state.lines, line];
  let lastSeq = line.seq;
  const held = [...state.held];
  while (held.length > 0 && held[0]!.seq === lastSeq + 1) {
    lines.push(held.shift()!);
    lastSeq++;
  }
  const released = lines.slice(state.lines.length);
  let next: ChatState = { ...state, lines, lastSeq, held };
  // Announce what others wrote, newest last; one's own messages need no announcement.
  const fromOthers = released.filter((l) => !l.own);
  if (fromOthers.length > 0) {
    const last = fromOthers[fromOthers.length - 1]!;
    next = announce(next, fromOthers.length === 1 ? `${senderLabel(last)}: ${last.text}` : `${fromOthers.length} new messages. ${senderLabel(last)}: ${last.text}`);
  }
  // Whatever became visible settles the sends it stands for.
  for (const l of released) {
    if (l.own && l.clientMsgId) {
      next = settle(next, l.clientMsgId);
    }
  }
  return next;
}

/** The send with this id is stored and shown (or about to be): it leaves the outbox once its seq is shown. */
export function settle(state: ChatState, clientMsgId: string): ChatState {
  const pending = state.outbox.find((p) => p.clientMsgId === clientMsgId);
  if (!pending) {
    return state;
  }
  const shown = state.lines.some((l) => l.clientMsgId === clientMsgId && l.own);
  if (!shown) {
    return state;
  }
  return {
    ...state,
    inFlight: state.inFlight === clientMsgId ? '' : state.inFlight,
    outbox: state.outbox.filter((p) => p !== pending),
  };
}

export function dropPending(state: ChatState, clientMsgId: string): ChatState {
  return {
    ...state,
    inFlight: state.inFlight === clientMsgId ? '' : state.inFlight,
    outbox: state.outbox.filter((p) => p.clientMsgId !== clientMsgId),
  };
}

function senderLabel(line: Line): string {
  return line.from === 'system' ? 'SupportChat' : line.name;
}

export function announce(state: ChatState, text: string): ChatState {
  return { ...state, announcement: text, announceId: state.announceId + 1 };
}
