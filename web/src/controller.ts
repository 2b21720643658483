// Drives one customer's chat: opens the Events stream (new or resumed), reconnects with jittered back-off when it
// fails, keeps one Send in flight in typing order, sends typing and read notices, ends and rates. All decisions about
// what is shown are the reducer's; this class only moves actions between the transport, the reducer and storage.
import { backoffMs, retryHintMs } from './state/backoff.js';
import { save } from './state/persist.js';
import { MAX_SEND_ATTEMPTS, isRetryable, reduce, type Action } from './state/reducer.js';
import { nextSend, readToSend } from './state/selectors.js';
import type { ChatState } from './state/types.js';
import { CallError, toCallError, type ChatTransport, type StreamRef } from './transport/transport.js';

/** What the controller needs from the browser; tests pass fakes. */
export interface Environment {
  storage: Storage | null;
  storageKey: string;
  now(): number;
  random(): number;
  uuid(): string;
  online(): boolean;
  /** Calls back on the browser's online / offline events; returns an unsubscribe function. */
  watchNetwork(onOnline: () => void, onOffline: () => void): () => void;
  visible(): boolean;
}

/** Typing notices go out at most this often while the customer types. */
export const TYPING_EVERY_MS = 2000;
/** A send refused with Unavailable this many times in a row reopens the Events stream. */
const RECONNECT_AFTER_REFUSALS = 3;
/** Read notices go out at most this often (the server coalesces to one a second anyway). */
const READ_EVERY_MS = 1000;

export class ChatController {
  private listeners = new Set<(state: ChatState) => void>();
  private generation = 0;
  private abort: AbortController | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private sendCall = 0;
  private lastTypingSent = -Infinity;
  private lastReadSent = -Infinity;
  private endWanted = false;
  private stopNetwork: () => void;
  private disposed = false;

  constructor(
    public state: ChatState,
    private readonly transport: ChatTransport,
    private readonly env: Environment,
  ) {
    this.stopNetwork = env.watchNetwork(
      () => this.onOnline(),
      () => this.onOffline(),
    );
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resumes a restored conversation (called once the element is on the page). */
  resumeIfAny(): void {
    const s = this.state;
    if (s.session && s.phase !== 'ended' && s.phase !== 'taken-over' && s.phase !== 'start') {
      this.connect();
    }
  }

  start(name: string, email: string, department: string): void {
    this.dispatch({ type: 'start', name: name.trim(), email: email.trim(), department });
    this.connect();
  }

  compose(text: string): void {
    if (text.trim() === '') {
      return;
    }
    this.dispatch({ type: 'compose', text, clientMsgId: this.env.uuid(), now: this.env.now() });
    this.lastTypingSent = -Infinity;
    this.pump();
  }

  /** The customer typed: tell the agent, at most every TYPING_EVERY_MS. */
  typed(): void {
    const ref = this.streamRef();
    const now = this.env.now();
    if (!ref || now - this.lastTypingSent < TYPING_EVERY_MS) {
      return;
    }
    this.lastTypingSent = now;
    this.transport.typing(ref).catch(() => {
      // A hint for the screen: a lost one is not worth a retry.
    });
  }

  setPanel(open: boolean): void {
    this.dispatch({ type: 'panel', open, visible: this.env.visible() });
    this.flushRead();
  }

  visibilityChanged(): void {
    this.dispatch({ type: 'seen', visible: this.env.visible() });
    this.flushRead();
  }

  dismissUnsent(clientMsgId: string): void {
    this.dispatch({ type: 'dismissUnsent', clientMsgId });
  }

  /** Ends the conversation for everyone; the Ended event and the stream's OK follow. */
  end(): void {
    this.endWanted = true;
    this.flushEnd();
  }

  async rate(rating: number, comment: string): Promise<void> {
    const session = this.state.session;
    if (!session) {
      return;
    }
    this.dispatch({ type: 'rating', status: 'sending', rating, comment });
    try {
      await this.transport.rate(session, rating, comment);
      this.dispatch({ type: 'rating', status: 'done', rating, comment });
    } catch (error) {
      const e = toCallError(error);
      this.dispatch({ type: 'rating', status: 'error', rating, comment, error: e.message });
    }
  }

  newChat(): void {
    this.stopStream();
    this.endWanted = false;
    this.dispatch({ type: 'newChat' });
  }

  dispose(): void {
    this.disposed = true;
    this.stopStream();
    clearTimeout(this.sendTimer);
    clearTimeout(this.readTimer);
    clearTimeout(this.typingTimer);
    this.stopNetwork();
    this.listeners.clear();
  }

  private dispatch(action: Action): void {
    const before = this.state;
    this.state = reduce(before, action);
    if (this.state === before) {
      return;
    }
    // A tab that another took over leaves the session to it (a reload here would take it back).
    if (this.env.storage && this.state.phase !== 'taken-over') {
      save(this.env.storage, this.env.storageKey, this.state);
    }
    if (this.state.agentTypingUntil !== before.agentTypingUntil && this.state.agentTypingUntil > 0) {
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.dispatch({ type: 'tick', now: this.env.now() }), this.state.agentTypingUntil - this.env.now() + 10);
    }
    for (const listener of this.listeners) {
      listener(this.state);
    }
  }

  private streamRef(): StreamRef | null {
    const s = this.state;
    return s.session && s.streamId && s.connection === 'live' ? { session: s.session, streamId: s.streamId } : null;
  }

  private stopStream(): void {
    this.generation++;
    this.abort?.abort();
    this.abort = null;
    clearTimeout(this.reconnectTimer);
  }

  /** Opens the Events stream (resuming when there is a session) and reads it until it ends. */
  private connect(): void {
    if (this.disposed) {
      return;
    }
    this.stopStream();
    if (!this.env.online()) {
      this.dispatch({ type: 'streamLost', attempt: this.attempt, offline: true });
      return;
    }
    const generation = this.generation;
    const abort = new AbortController();
    this.abort = abort;
    this.dispatch({ type: 'connecting', attempt: this.attempt });
    const s = this.state;
    const hello = s.session
      ? { kind: 'resume' as const, session: s.session, lastSeq: s.lastSeq }
      : { kind: 'new' as const, name: s.name, email: s.email, department: s.department };
    void this.read(hello, generation, abort.signal);
  }

  private async read(hello: Parameters<ChatTransport['events']>[0], generation: number, signal: AbortSignal): Promise<void> {
    try {
      for await (const event of this.transport.events(hello, signal)) {
        if (generation !== this.generation) {
          return;
        }
        this.dispatch({ type: 'server', event, now: this.env.now() });
        // What arrives in the open panel of a visible tab is seen at once (no unread count, a read notice).
        this.dispatch({ type: 'seen', visible: this.env.visible() });
        if (event.kind === 'welcome') {
          this.attempt = 0;
          this.pump();
          this.flushEnd();
        }
        this.flushRead();
      }
      if (generation !== this.generation) {
        return;
      }
      // Closed with OK: the conversation ended (its Ended event came before). Nothing to reconnect to.
      this.abort = null;
      this.dispatch({ type: 'closed' });
    } catch (error) {
      if (generation !== this.generation || signal.aborted) {
        return;
      }
      this.onStreamError(toCallError(error), hello.kind === 'resume');
    }
  }

  private onStreamError(error: CallError, resuming: boolean): void {
    switch (error.code) {
      case 'Aborted':
        // Another tab (or window) resumed this session: it is the live one now. Never reconnect from here.
        this.stopStream();
        this.dispatch({ type: 'takenOver' });
        return;
      case 'InvalidArgument':
      case 'Unauthenticated':
      case 'PermissionDenied':
      case 'FailedPrecondition':
        this.stopStream();
        this.dispatch({
          type: 'refused',
          message: resuming ? `Your earlier chat could not be continued (${error.message}). Start a new one.` : error.message,
          forgetSession: true,
        });
        return;
      case 'OutOfRange':
        if (resuming && this.state.lastSeq > 0) {
          // The server has less than we showed (it should never): take its whole transcript again.
          this.dispatch({ type: 'forgetTranscript' });
          this.connect();
          return;
        }
        this.scheduleReconnect();
        return;
      default:
        this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    this.stopStream();
    this.attempt++;
    const offline = !this.env.online();
    this.dispatch({ type: 'streamLost', attempt: this.attempt, offline });
    if (offline) {
      return; // the online event reconnects
    }
    this.reconnectTimer = setTimeout(() => this.connect(), backoffMs(this.attempt, this.env.random));
  }

  private onOnline(): void {
    const s = this.state;
    if (s.phase === 'start' || s.phase === 'ended' || s.phase === 'taken-over' || s.connection === 'live') {
      return;
    }
    this.attempt = 0;
    this.connect();
  }

  private onOffline(): void {
    const s = this.state;
    if (s.phase === 'start' || s.phase === 'ended' || s.phase === 'taken-over') {
      return;
    }
    // The browser knows before the stream does: stop it now and show why, then resume when the network is back.
    this.stopStream();
    this.dispatch({ type: 'streamLost', attempt: this.attempt, offline: true });
  }

  /** Puts the first unacknowledged send on the wire, unless one is in flight. */
  private pump(): void {
    const pending = nextSend(this.state);
    const ref = this.streamRef();
    if (!pending || !ref || this.disposed) {
      return;
    }
    clearTimeout(this.sendTimer);
    const call = ++this.sendCall;
    const generation = this.generation;
    this.dispatch({ type: 'sendStarted', clientMsgId: pending.clientMsgId });
    this.transport.send(ref, pending.clientMsgId, pending.text).then(
      (ack) => {
        this.dispatch({ type: 'server', event: { kind: 'ack', clientMsgId: pending.clientMsgId, seq: ack.seq, at: ack.at }, now: this.env.now() });
        if (call === this.sendCall) {
          this.pump();
        }
      },
      (error: unknown) => {
        if (call !== this.sendCall) {
          return; // an older call, overtaken by a resend after a reconnect
        }
        const e = toCallError(error);
        if (e.code === 'Aborted' && generation === this.generation) {
          // The stream this send named was replaced; the stream itself ends with ABORTED and says by whom.
          this.dispatch({ type: 'sendRetry', clientMsgId: pending.clientMsgId, countsAsAttempt: false });
          return;
        }
        if (e.code === 'Aborted' || isRetryable(e.code)) {
          const live = generation === this.generation && this.state.connection === 'live';
          const counts = live && (e.code === 'Unavailable' || e.code === 'ResourceExhausted');
          this.dispatch({ type: 'sendRetry', clientMsgId: pending.clientMsgId, countsAsAttempt: counts });
          const attempts = this.state.outbox.find((p) => p.clientMsgId === pending.clientMsgId)?.attempts ?? 0;
          if (attempts >= MAX_SEND_ATTEMPTS) {
            this.dispatch({ type: 'sendFailed', clientMsgId: pending.clientMsgId, reason: e.message });
            this.pump();
            return;
          }
          if (counts && e.code === 'Unavailable' && attempts % RECONNECT_AFTER_REFUSALS === 0) {
            // Unavailable also means "the stream this call named is no longer open" (browser.proto): when it keeps
            // coming, open the stream again (a resume) rather than trust that it is still there.
            this.connect();
            return;
          }
          const wait = (e.code === 'ResourceExhausted' ? retryHintMs(e.message) : null) ?? backoffMs(Math.max(1, attempts), this.env.random);
          this.sendTimer = setTimeout(() => this.pump(), wait);
          return;
        }
        this.dispatch({ type: 'sendFailed', clientMsgId: pending.clientMsgId, reason: e.message });
        this.pump();
      },
    );
  }

  private flushRead(): void {
    const seq = readToSend(this.state);
    const ref = this.streamRef();
    if (!seq || !ref) {
      return;
    }
    const wait = this.lastReadSent + READ_EVERY_MS - this.env.now();
    if (wait > 0) {
      clearTimeout(this.readTimer);
      this.readTimer = setTimeout(() => this.flushRead(), wait);
      return;
    }
    this.lastReadSent = this.env.now();
    this.dispatch({ type: 'readSent', seq });
    this.transport.read(ref, seq).catch(() => {
      // A hint for the agent's screen; the next one carries a higher seq anyway.
    });
  }

  private flushEnd(): void {
    const ref = this.streamRef();
    if (!this.endWanted || !ref) {
      return;
    }
    this.endWanted = false;
    this.transport.end(ref).catch((error: unknown) => {
      const e = toCallError(error);
      if (e.code !== 'FailedPrecondition') {
        // Not ended yet: try again on the next stream.
        this.endWanted = true;
      }
    });
  }

}
