/**
 * A host volume's path on an instance's own disk. `sourcePath` is taken inside `root` and walked one
 * component at a time: missing folders are made (as a fresh disk's would be), and a symbolic link on
 * the way (which one task can plant for another in a shared folder) is followed only while it stays
 * inside the root. The answer is the real path, with no link left in it, that Docker then mounts.
 */
import fs from "node:fs/promises";
import path from "node:path";

export class HostPathOutsideRoot extends Error {}

const within = (root: string, p: string) => p === root || p.startsWith(root + path.sep);

export async function hostPathInRoot(root: string, sourcePath: string): Promise<string> {
  await fs.mkdir(root, { recursive: true });
  const realRoot = await fs.realpath(root);
  let current = realRoot;
  for (const part of path.resolve("/", sourcePath).split("/").filter(Boolean)) {
    const next = path.join(current, part);
    const stat = await fs.lstat(next).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return undefined;
      throw err;
    });
    if (!stat) {
      await fs.mkdir(next).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== "EEXIST") throw err;
      });
    }
    const real = await fs.realpath(next);
    if (!within(realRoot, real)) {
      throw new HostPathOutsideRoot(`host path '${sourcePath}' leads outside the instance's disk (a symbolic link on the way points to '${real}')`);
    }
    current = real;
  }
  return current;
}
