/**
 * What Stevedore never gives a container of the real host unless the operator allows it: privileged
 * mode, the host's network, PID or IPC namespaces, and capabilities that amount to privilege.
 * (Host paths are safe: each virtual instance has its own root folder in the data folder.)
 */
import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { Config } from "../../config.ts";
import { clientException } from "../../aws/errors.ts";

const PRIVILEGED_CAPABILITIES = ["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "NET_ADMIN", "DAC_READ_SEARCH", "SYS_BOOT"];

export function checkSafety(def: RegisterTaskDefinitionInput, config: Config): void {
  const refuse = (what: string, setting: string) =>
    clientException(`${what}, which this Stevedore does not allow. An operator can allow it with ${setting}=1.`);
  if (def.networkMode === "host" && !config.allowHostNetwork) {
    throw refuse("Network mode 'host' would give containers the real host's network", "STEVEDORE_ALLOW_HOST_NETWORK");
  }
  if (!config.allowPrivileged) {
    if (def.pidMode === "host") throw refuse("pidMode 'host' would share the real host's processes", "STEVEDORE_ALLOW_PRIVILEGED");
    if (def.ipcMode === "host") throw refuse("ipcMode 'host' would share the real host's IPC namespace", "STEVEDORE_ALLOW_PRIVILEGED");
    for (const c of def.containerDefinitions) {
      if (c.privileged) throw refuse(`Container '${c.name}' asks for privileged mode`, "STEVEDORE_ALLOW_PRIVILEGED");
      const added = ((c.linuxParameters?.capabilities as { add?: string[] } | undefined)?.add ?? []).map((a) => a.toUpperCase().replace(/^CAP_/, ""));
      const risky = added.find((a) => PRIVILEGED_CAPABILITIES.includes(a));
      if (risky) throw refuse(`Container '${c.name}' adds capability ${risky}`, "STEVEDORE_ALLOW_PRIVILEGED");
      if (Array.isArray(c.linuxParameters?.devices) && c.linuxParameters.devices.length) {
        throw refuse(`Container '${c.name}' maps host devices`, "STEVEDORE_ALLOW_PRIVILEGED");
      }
    }
  }
}
