/**
 * Container definition fields on the real Docker Engine: linuxParameters (tmpfs, capabilities, init,
 * shared memory, swap), the task's pidMode and ipcMode, and the other process settings. Each container
 * prints what it sees; the test reads that and docker inspect.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NO_SAFETY_SWITCHES, type AgentTask, type ContainerDefinition } from "@stevedore/shared";
import { ensureTestImage, TEST_IMAGE } from "./docker-image.ts";
import { Harness, inspect, output, sh, until } from "./docker-harness.ts";

const MIB = 1024 * 1024;
const h = new Harness();

/** Prints, then stays up (so the task stays RUNNING) until stopped. */
const printing = (name: string, script: string, extra: Partial<ContainerDefinition> = {}): ContainerDefinition => ({
  name,
  image: TEST_IMAGE,
  essential: false,
  stopTimeout: 1,
  command: sh(`${script}; echo END; exec sleep 3600`),
  ...extra,
});

describe("container options on the real engine", () => {
  const printed = new Map<string, string>();
  const inspected = new Map<string, any>();
  let t: AgentTask;

  before(async () => {
    ensureTestImage();
    t = h.task(
      [
        printing("linux", "grep -E ' /scratch | /dev/shm ' /proc/mounts; grep CapEff /proc/self/status; cat /proc/1/comm", {
          essential: true,
          memory: 64,
          linuxParameters: {
            capabilities: { drop: ["ALL"] },
            initProcessEnabled: true,
            tmpfs: [{ containerPath: "/scratch", size: 8, mountOptions: ["noexec"] }],
            sharedMemorySize: 32,
            maxSwap: 16,
            swappiness: 10,
          },
        }),
        printing("caps", "grep CapEff /proc/self/status", { linuxParameters: { capabilities: { add: ["NET_ADMIN"] } } }),
        printing(
          "process",
          "id -u; pwd; hostname; grep db.local /etc/hosts; cat /proc/sys/net/core/somaxconn; ulimit -n; grep NoNewPrivs /proc/self/status; (touch /rootfile 2>/dev/null && echo rw || echo ro); grep nameserver /etc/resolv.conf",
          {
            user: "1234",
            workingDirectory: "/work",
            hostname: "web-1",
            extraHosts: [{ hostname: "db.local", ipAddress: "127.0.0.9" }],
            systemControls: [{ namespace: "net.core.somaxconn", value: "1000" }],
            ulimits: [{ name: "nofile", softLimit: 1000, hardLimit: 2000 }],
            dockerSecurityOptions: ["no-new-privileges"],
            readonlyRootFilesystem: true,
            dnsServers: ["127.0.0.53"],
            dnsSearchDomains: ["corp.example"],
          },
        ),
        // pidMode task: the first container's PID 1 is everyone's
        printing("joiner", "cat /proc/1/cmdline | tr '\\0' ' '; echo"),
        printing("offline", "ls /sys/class/net", { disableNetworking: true }),
      ],
      { pidMode: "task", ipcMode: "task" },
    );
    // Adding NET_ADMIN is beyond Docker's default set: this host's operator allows it.
    const reports = await h.start(t, { safety: { ...NO_SAFETY_SWITCHES, allowPrivileged: true } });
    assert.equal(reports.at(-1)?.status, "RUNNING", h.log.join("\n"));
    for (const def of t.taskDefinition.containerDefinitions) {
      const c = await h.container(t, def.name);
      printed.set(def.name, await until(`${def.name} to print`, async () => (output(c.id).includes("END") ? output(c.id) : undefined)));
      inspected.set(def.name, inspect(c.id));
    }
  });
  after(() => h.cleanup());

  it("tmpfs: mounted with its options and size", () => {
    assert.deepEqual(inspected.get("linux").HostConfig.Tmpfs, { "/scratch": "noexec,size=8m" });
    assert.match(printed.get("linux")!, /^tmpfs \/scratch tmpfs \S*noexec\S*size=8192k/m);
  });

  it("sharedMemorySize: /dev/shm of that size", () => {
    assert.equal(inspected.get("linux").HostConfig.ShmSize, 32 * MIB);
    assert.match(printed.get("linux")!, /^shm \/dev\/shm tmpfs \S*size=32768k/m);
  });

  it("capabilities: drop ALL leaves none; add adds to Docker's defaults", () => {
    assert.deepEqual(inspected.get("linux").HostConfig.CapDrop, ["ALL"]);
    assert.match(printed.get("linux")!, /^CapEff:\s+0000000000000000$/m);
    assert.deepEqual(inspected.get("caps").HostConfig.CapAdd, ["NET_ADMIN"]);
    const capEff = BigInt(`0x${/^CapEff:\s+([0-9a-f]+)$/m.exec(printed.get("caps")!)![1]}`);
    assert.ok(capEff & (1n << 12n), "CAP_NET_ADMIN (bit 12)");
  });

  it("initProcessEnabled: Docker's init is PID 1", () => {
    assert.equal(inspected.get("linux").HostConfig.Init, true);
    assert.match(printed.get("linux")!, /^docker-init$/m);
  });

  it("maxSwap and swappiness: the memory limit plus the swap", () => {
    assert.equal(inspected.get("linux").HostConfig.MemorySwap, (64 + 16) * MIB);
    assert.equal(inspected.get("linux").HostConfig.MemorySwappiness, 10);
  });

  it("pidMode task: the others share the first container's PID namespace; ipcMode task: its IPC namespace", () => {
    const first = inspected.get("linux");
    assert.match(printed.get("joiner")!, /^\/sbin\/docker-init -- \/bin\/busybox sh -c /m);
    // Docker keeps the id of the container named in container:<name>
    assert.equal(inspected.get("joiner").HostConfig.PidMode, `container:${first.Id}`);
    assert.equal(first.HostConfig.IpcMode, "shareable");
    assert.equal(inspected.get("joiner").HostConfig.IpcMode, `container:${first.Id}`);
  });

  it("user, workingDirectory, hostname, extraHosts, systemControls, ulimits, dockerSecurityOptions, readonlyRootFilesystem, DNS", () => {
    assert.equal(
      printed.get("process"),
      ["1234", "/work", "web-1", "127.0.0.9\tdb.local", "1000", "1000", "NoNewPrivs:\t1", "ro", "nameserver 127.0.0.53", "END", ""].join("\n"),
    );
    assert.deepEqual(inspected.get("process").HostConfig.DnsSearch, ["corp.example"]);
  });

  it("disableNetworking: only the loopback interface", () => {
    assert.equal(inspected.get("offline").Config.NetworkDisabled, true);
    assert.equal(printed.get("offline"), "lo\nEND\n");
  });
});
