/**
 * Each virtual instance gets its own loopback address (127.A.B.C within the configured /16, third
 * octet 0-127), and publishes its tasks' host ports there, so two instances can both bind port 80.
 * awsvpc tasks get one of their own, as their elastic network interface's address (third octet
 * 128-255).
 */
export function nextFreeAddress(network: string, used: ReadonlySet<string>, firstThirdOctet = 0, lastThirdOctet = 127): string {
  for (let third = firstThirdOctet; third <= lastThirdOctet; third++) {
    for (let fourth = third === 0 ? 1 : 0; fourth < 255; fourth++) {
      const address = `${network}.${third}.${fourth}`;
      if (!used.has(address)) return address;
    }
  }
  throw new Error(`No free loopback address left in ${network}.0.0/16`);
}

export const ENI_THIRD_OCTETS = [128, 255] as const;

/** Whether an address is one given to an awsvpc task's network interface. */
export const isEniAddress = (address: string) => Number(address.split(".")[2]) >= ENI_THIRD_OCTETS[0];
