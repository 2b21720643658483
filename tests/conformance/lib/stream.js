// One participant stream as a test sees it: commands written in order, events recorded in order (EventBatch frames
// unpacked, as the protocol asks), and bounded waits that name what they waited for.
import { Status } from './grpc.js';

export const DEFAULT_WAIT_MS = 15_000;

const open = new Set();

/** Cancels every stream still open: for afterEach, so a failed test leaves nothing running. */
export function cancelAllStreams() {
  for (const stream of open) stream.cancel();
  open.clear();
}

const statusName = Object.fromEntries(Object.entries(Status).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k]));

export class EventStream {
  /** Every event in arrival order, batches unpacked. */
  events = [];
  /** Every frame as it came (a batch stays one frame), to check the batching rules. */
  frames = [];
  /** The final status once the stream has ended: { code, details }. */
  status = null;
  #claimed = new Set();
  #waiters = new Set();
  #listeners = new Set();

  constructor(call, label) {
    this.call = call;
    this.label = label;
    open.add(this);
    call.on('data', (frame) => {
      this.frames.push(frame);
      if (frame.event === 'batch') {
        for (const inner of frame.batch.events) this.#push(inner);
      } else {
        this.#push(frame);
      }
    });
    call.on('status', (status) => {
      this.status = { code: status.code, details: status.details };
      open.delete(this);
      this.#wake();
    });
    // The status event carries every failure; without this listener grpc-js would throw it.
    call.on('error', () => {});
  }

  write(command) {
    this.call.write(command);
  }

  /** Half-closes the request side: no more commands (not leaving: see protocol.md). */
  end() {
    this.call.end();
  }

  /** Cancels the call (RST_STREAM CANCEL): a drop, never leaving. */
  cancel() {
    this.call.cancel();
  }

  /** Calls fn with every event from now on (and those already recorded). */
  listen(fn) {
    for (const e of this.events) fn(e);
    this.#listeners.add(fn);
  }

  /** Events of one kind ('message', 'ack', ...), in order. */
  all(kind) {
    return this.events.filter((e) => e.event === kind).map((e) => e[kind]);
  }

  /**
   * The earliest event not returned by an earlier wait that matches `predicate`, waiting up to `ms` for it. Fails,
   * naming `what`, when the time is up or the stream ends first.
   */
  waitFor(predicate, what, ms = DEFAULT_WAIT_MS) {
    const found = this.#take(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const match = this.#take(predicate);
          if (match) {
            finish();
            resolve(match);
          } else if (this.status) {
            finish();
            reject(new Error(`${this.label}: the stream ended (${this.#describeStatus()}) before ${what}${this.#recent()}`));
          }
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.label}: timed out after ${ms} ms waiting for ${what}${this.#recent()}`));
      }, ms);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
      waiter.check();
    });
  }

  /** The next unclaimed event of `kind` (optionally matching `where`), as its payload. */
  async next(kind, what = kind, where = () => true, ms = DEFAULT_WAIT_MS) {
    const e = await this.waitFor((x) => x.event === kind && where(x[kind]), what, ms);
    return e[kind];
  }

  /** The final status, waiting up to `ms` for the stream to end. */
  ended(what = 'the end of the stream', ms = DEFAULT_WAIT_MS) {
    if (this.status) return Promise.resolve(this.status);
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          if (this.status) {
            finish();
            resolve(this.status);
          }
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.label}: timed out after ${ms} ms waiting for ${what}${this.#recent()}`));
      }, ms);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
    });
  }

  #push(e) {
    this.events.push(e);
    for (const fn of this.#listeners) fn(e);
    this.#wake();
  }

  #wake() {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  #take(predicate) {
    for (let i = 0; i < this.events.length; i++) {
      if (!this.#claimed.has(i) && predicate(this.events[i])) {
        this.#claimed.add(i);
        return this.events[i];
      }
    }
    return null;
  }

  #describeStatus() {
    return this.status ? `${statusName[this.status.code]}: ${this.status.details}` : 'open';
  }

  #recent() {
    const last = this.events.slice(-5).map((e) => JSON.stringify({ [e.event]: e[e.event] }).slice(0, 200));
    return `; stream ${this.#describeStatus()}; last events: ${last.length ? last.join(' | ') : '(none)'}`;
  }
}
