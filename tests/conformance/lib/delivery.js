// What a conforming client does with the delivery rules of docs/protocol.md: a screen that shows each message once
// (drop anything at or below the highest seq shown) and an outbox that resends refused or unacknowledged sends with
// their ids, in the order first sent (go-back-N).
import { send } from './chat.js';
import { DEFAULT_WAIT_MS } from './stream.js';

const TRANSIENT = new Set(['Unavailable', 'ResourceExhausted']);

/** One conversation as a participant shows it: each seq once, in order; own sends appear when acknowledged. */
export class Screen {
  shown = [];
  /** Seqs that arrived after a gap (the server must never send one). */
  gaps = [];

  constructor(conversationId, label) {
    this.conversationId = conversationId;
    this.label = label;
  }

  get lastSeq() {
    return this.shown.length ? this.shown[this.shown.length - 1].seq : 0;
  }

  /** Shows what `stream` delivers from now on; `outbox` names the texts of this participant's own acks. */
  attach(stream, outbox = null) {
    stream.listen((e) => {
      if (e.event === 'message' && e.message.conversation_id === this.conversationId) {
        this.#show(e.message.seq, e.message.text, e.message.client_msg_id);
      } else if (e.event === 'ack' && e.ack.conversation_id === this.conversationId) {
        this.#show(e.ack.seq, outbox?.textOf(e.ack.client_msg_id) ?? '', e.ack.client_msg_id);
      }
    });
  }

  texts() {
    return this.shown.map((m) => m.text);
  }

  #show(seq, text, clientMsgId) {
    if (seq <= this.lastSeq) return; // at-least-once on the wire, exactly once on the screen
    if (seq !== this.lastSeq + 1) this.gaps.push(seq);
    this.shown.push({ seq, text, clientMsgId });
  }
}

/** A participant's unacknowledged sends to one conversation, resent in order with the same ids. */
export class Outbox {
  entries = [];
  /** Every refusal seen: { clientMsgId, code, message }. */
  refusals = [];
  #byId = new Map();
  #stream = null;
  #resend = null;
  #waiters = new Set();

  constructor(conversationId = '') {
    this.conversationId = conversationId;
  }

  /** Sends on `stream` from now on, first resending every unacknowledged send in the order first sent. */
  attach(stream) {
    this.#stream = stream;
    stream.listen((e) => this.#onEvent(stream, e));
    this.#sendPending();
  }

  add(text, clientMsgId = undefined) {
    const entry = { text, seq: 0, state: 'pending' };
    const command = send(text, this.conversationId, clientMsgId);
    entry.clientMsgId = command.send.client_msg_id;
    this.entries.push(entry);
    this.#byId.set(entry.clientMsgId, entry);
    // While the connection is down, sends wait here; attach() sends them once there is a stream again.
    if (this.#stream && !this.#stream.status) this.#stream.write(command);
    return entry;
  }

  textOf(clientMsgId) {
    return this.#byId.get(clientMsgId)?.text;
  }

  pending() {
    return this.entries.filter((e) => e.state === 'pending');
  }

  /** Resolves once every send is acknowledged; fails after `ms` or when one is refused for good. */
  acknowledged(what = 'every send to be acknowledged', ms = DEFAULT_WAIT_MS) {
    return new Promise((resolve, reject) => {
      const waiter = () => {
        const failed = this.entries.find((e) => e.state === 'failed');
        if (failed) {
          done();
          reject(new Error(`"${failed.text}" was refused for good: ${failed.code} ${failed.message}`));
        } else if (this.pending().length === 0) {
          done();
          resolve(this.entries);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}: ${this.pending().length} of ${this.entries.length} unacknowledged`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
      waiter();
    });
  }

  #onEvent(stream, e) {
    if (stream !== this.#stream) return;
    if (e.event === 'ack') {
      const entry = this.#byId.get(e.ack.client_msg_id);
      if (entry && entry.state === 'pending') {
        entry.state = 'acked';
        entry.seq = e.ack.seq;
      }
    } else if (e.event === 'error' && this.#byId.has(e.error.client_msg_id)) {
      const entry = this.#byId.get(e.error.client_msg_id);
      this.refusals.push({ clientMsgId: entry.clientMsgId, code: e.error.code, message: e.error.message });
      if (entry.state !== 'pending') return;
      if (TRANSIENT.has(e.error.code)) {
        this.#scheduleResend(e.error.message);
      } else {
        Object.assign(entry, { state: 'failed', code: e.error.code, message: e.error.message });
      }
    }
    for (const waiter of [...this.#waiters]) waiter();
  }

  // Go-back-N: the refused send and everything sent after it go again, in order, once the refusal's pause is over
  // (ResourceExhausted says "retry in N ms"; Unavailable gets a short pause).
  #scheduleResend(message) {
    if (this.#resend) return;
    const hint = /retry in (\d+) ms/.exec(message);
    const delay = Math.min(hint ? Number(hint[1]) + 10 : 100, 2_000);
    const stream = this.#stream;
    this.#resend = setTimeout(() => {
      this.#resend = null;
      if (stream === this.#stream && !stream.status) this.#sendPending();
    }, delay);
  }

  #sendPending() {
    if (!this.#stream || this.#stream.status) return;
    for (const entry of this.pending()) {
      this.#stream.write(send(entry.text, this.conversationId, entry.clientMsgId));
    }
  }

  /** Stops a scheduled resend (at the end of a test). */
  close() {
    clearTimeout(this.#resend);
    this.#resend = null;
  }
}
