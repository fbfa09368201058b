/**
 * Names Stevedore puts in /etc/hosts so that the Docker Engine, curl and browsers resolve them to
 * loopback addresses (dockerd does not resolve `*.localhost` by itself, but reads /etc/hosts).
 * /etc/hosts is the user's: Stevedore's lines stay in one marked block, each line says which server
 * process added it, a running server removes its lines when the resource goes or it stops, and lines
 * of servers that no longer run are dropped at the next edit. A name the user maps outside the block
 * is left to the user.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const BLOCK_BEGIN = "# BEGIN Stevedore: names of its registries, managed by Stevedore while it runs";
export const BLOCK_END = "# END Stevedore";

export interface HostEntry {
  address: string;
  name: string;
  /** The pid of the server that added it. */
  owner: number;
}

const ENTRY = /^(\S+)\s+(\S+)\s+# pid (\d+)$/;

/** The block's entries and the file's other lines (the block removed). */
export function readBlock(text: string): { entries: HostEntry[]; outside: string[] } {
  const entries: HostEntry[] = [];
  const outside: string[] = [];
  let inBlock = false;
  for (const line of text.split("\n")) {
    if (line === BLOCK_BEGIN) inBlock = true;
    else if (line === BLOCK_END) inBlock = false;
    else if (!inBlock) outside.push(line);
    else {
      const m = ENTRY.exec(line);
      if (m) entries.push({ address: m[1]!, name: m[2]!, owner: Number(m[3]) });
    }
  }
  while (outside.length && outside[outside.length - 1] === "") outside.pop();
  return { entries, outside };
}

/** The file with the block holding exactly `entries` (no block when there are none). */
export function writeBlock(outside: readonly string[], entries: readonly HostEntry[]): string {
  const lines = [...outside];
  if (entries.length) lines.push(BLOCK_BEGIN, ...entries.map((e) => `${e.address} ${e.name} # pid ${e.owner}`), BLOCK_END);
  return `${lines.join("\n")}\n`;
}

/** Whether a line outside the block already maps `name` (the user's own line). */
export function mappedOutside(outside: readonly string[], name: string): boolean {
  return outside.some((line) => {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    return fields.length > 1 && fields.slice(1).includes(name);
  });
}

export class EtcHosts {
  private readonly mine = new Map<string, string>();
  private warned = false;

  constructor(
    private readonly file: string,
    private readonly owner = process.pid,
    private readonly log: (message: string) => void = (m) => console.log(m),
  ) {}

  /** Maps `name` to `address` while this server runs. */
  add(name: string, address: string): void {
    if (this.mine.get(name) === address) return;
    let usersOwn = false;
    const written = this.edit((entries, outside) => {
      usersOwn = mappedOutside(outside, name);
      if (usersOwn) return entries;
      return [...entries.filter((e) => !(e.name === name && e.owner === this.owner)), { address, name, owner: this.owner }];
    });
    if (!written) {
      if (!this.warned) this.log(`Stevedore could not write ${this.file}: for the Docker Engine to reach its registry, add the line "${address} ${name}" yourself.`);
      this.warned = true;
    } else if (!usersOwn) {
      this.mine.set(name, address);
      this.log(`Stevedore added "${address} ${name}" to ${this.file}, in its own marked block; it goes when the registry does or Stevedore stops.`);
    }
  }

  remove(name: string): void {
    if (!this.mine.delete(name)) return;
    this.edit((entries) => entries.filter((e) => !(e.name === name && e.owner === this.owner)));
  }

  /** Removes every line this server added (it stops). */
  removeAll(): void {
    if (!this.mine.size) return;
    this.mine.clear();
    this.edit((entries) => entries.filter((e) => e.owner !== this.owner));
  }

  /** Read, change and write the block under a lock shared by every Stevedore process; false when the file cannot be written. */
  private edit(change: (entries: HostEntry[], outside: string[]) => HostEntry[]): boolean {
    try {
      return withLock(() => {
        const text = fs.existsSync(this.file) ? fs.readFileSync(this.file, "utf8") : "";
        const { entries, outside } = readBlock(text);
        const next = change(entries.filter((e) => e.owner === this.owner || isRunning(e.owner)), outside);
        const updated = writeBlock(outside, next);
        if (updated !== text) replaceFile(this.file, updated);
        return true;
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") return false;
      throw err;
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Readers never see a half-written file: a rename, or (a bind-mounted /etc/hosts cannot be renamed over) a write in place. */
function replaceFile(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.stevedore-${process.pid}`);
  try {
    fs.writeFileSync(temp, text, { mode: fs.existsSync(file) ? fs.statSync(file).mode : 0o644 });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EBUSY" && code !== "EXDEV" && code !== "EACCES" && code !== "EPERM") throw err;
    fs.writeFileSync(file, text);
  }
}

const LOCK = path.join(os.tmpdir(), "stevedore-etc-hosts.lock");

function withLock<T>(fn: () => T): T {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock left by a killed process: taken over after a few seconds.
      if (Date.now() > deadline) fs.rmSync(LOCK, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}
