// Reconnect and resend pauses: exponential from 250 ms, capped, with jitter so that many browsers dropped by one
// server restart do not all come back in the same instant.

export const BACKOFF_FIRST_MS = 250;
export const BACKOFF_MAX_MS = 10_000;

/** The pause before attempt `attempt` (1 = the first retry): half the exponential step plus a random half. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The server's hint in a ResourceExhausted refusal: "… retry in 120 ms." */
export function retryHintMs(message: string): number | null {
  const match = /retry in (\d+) ?ms/i.exec(message);
  return match ? Number(match[1]) : null;
}
