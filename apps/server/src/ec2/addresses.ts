/**
 * Each virtual instance gets its own loopback address (127.A.B.C within the configured /16), and
 * publishes its tasks' host ports there, so two instances can both bind port 80.
 */
export function nextFreeAddress(network: string, used: ReadonlySet<string>): string {
  for (let third = 0; third < 256; third++) {
    for (let fourth = third === 0 ? 1 : 0; fourth < 255; fourth++) {
      const address = `${network}.${third}.${fourth}`;
      if (!used.has(address)) return address;
    }
  }
  throw new Error(`No free loopback address left in ${network}.0.0/16`);
}
