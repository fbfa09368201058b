/**
 * The image of awsvpc tasks' pause containers. ECS's agent carries its pause image as a tarball and
 * loads it into Docker; nothing can be pulled here either, so the agent builds its own the first time
 * a task needs it: the host's static busybox (busybox-static, which `npm start` installs for the
 * sample images) alone in an image, imported from a tar made in memory. Its shell sleeps until
 * SIGTERM or SIGINT, which it traps to exit at once (a PID 1 without a handler would ignore them).
 */
import fs from "node:fs";
import type { DockerClient } from "./docker.ts";

export const PAUSE_IMAGE_REPOSITORY = "stevedore/ecs-pause";
export const PAUSE_IMAGE_TAG = "1";
export const PAUSE_IMAGE = `${PAUSE_IMAGE_REPOSITORY}:${PAUSE_IMAGE_TAG}`;
const BUSYBOX = "/bin/busybox";
export const PAUSE_ENTRYPOINT = [BUSYBOX, "sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 86400 & wait $!; done"];

/** Builds running per Docker socket, so agents of one process sharing an engine build it once. */
const building = new Map<string, Promise<void>>();

/** Makes sure the engine has the pause image, building it from the host's busybox when missing. */
export async function ensurePauseImage(docker: DockerClient): Promise<void> {
  if (await docker.hasImage(PAUSE_IMAGE)) return;
  let build = building.get(docker.socketPath);
  if (!build) {
    build = docker.importImage(pauseImageTar(), PAUSE_IMAGE_REPOSITORY, PAUSE_IMAGE_TAG).finally(() => building.delete(docker.socketPath));
    building.set(docker.socketPath, build);
  }
  await build;
}

/** The pause image's files: the host's busybox as /bin/busybox. */
export function pauseImageTar(): Buffer {
  if (!fs.existsSync(BUSYBOX)) throw new Error(`cannot build the pause image ${PAUSE_IMAGE}: ${BUSYBOX} is missing (install busybox-static)`);
  return tarOf([
    { path: "bin/", mode: 0o755 },
    { path: "bin/busybox", mode: 0o755, content: fs.readFileSync(BUSYBOX) },
  ]);
}

export interface TarEntry {
  /** Relative; a trailing slash makes a directory. */
  path: string;
  mode: number;
  content?: Buffer;
}

const BLOCK = 512;

/** A POSIX ustar archive of these entries (paths under 100 characters), owned by root, dated 0. */
export function tarOf(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const dir = entry.path.endsWith("/");
    const content = dir ? Buffer.alloc(0) : (entry.content ?? Buffer.alloc(0));
    const header = Buffer.alloc(BLOCK);
    const field = (offset: number, length: number, value: string) => header.write(value, offset, length, "ascii");
    const octal = (offset: number, length: number, value: number) => field(offset, length, value.toString(8).padStart(length - 1, "0"));
    field(0, 100, entry.path);
    octal(100, 8, entry.mode);
    octal(108, 8, 0); // uid
    octal(116, 8, 0); // gid
    octal(124, 12, content.length);
    octal(136, 12, 0); // mtime
    field(148, 8, " ".repeat(8)); // the checksum counts its own field as spaces
    field(156, 1, dir ? "5" : "0");
    field(257, 8, "ustar\u000000");
    let sum = 0;
    for (const byte of header) sum += byte;
    field(148, 8, `${sum.toString(8).padStart(6, "0")}\u0000 `);
    blocks.push(header, content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(2 * BLOCK)); // the end of the archive
  return Buffer.concat(blocks);
}
