// Waiting in integration tests: poll a condition until it holds, never sleep a fixed time.

export interface WaitOptions {
  /** What is awaited, for the failure message: "the language of Cisco001MIVR045.log to be cisco-uccx-engine". */
  description: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** What was seen instead, for the failure message. */
  lastSeen?: () => string;
}

/**
 * Calls `probe` until it returns a value other than undefined, null or false, and returns that value. A probe that
 * throws counts as "not yet" (the error is reported if time runs out).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions,
): Promise<T> {
  const { description, timeoutMs = 30_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = options.lastSeen ? `; last seen: ${options.lastSeen()}` : '';
      const failure = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${seen}${failure}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
