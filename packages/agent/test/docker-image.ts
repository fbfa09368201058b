/** The test image: busybox-static in an otherwise empty image, since nothing can be pulled here. */
import { execFileSync } from "node:child_process";

export const TEST_IMAGE = "stevedore/test-busybox:latest";

export function ensureTestImage(): void {
  try {
    execFileSync("docker", ["image", "inspect", TEST_IMAGE], { stdio: "ignore" });
  } catch {
    execFileSync(
      "sh",
      [
        "-c",
        `set -e; d=$(mktemp -d); mkdir -p "$d/bin"; cp /bin/busybox "$d/bin/"; ` +
          `(cd "$d" && tar -c .) | docker import -c 'CMD ["/bin/busybox","sleep","3600"]' - ${TEST_IMAGE}; rm -rf "$d"`,
      ],
      { stdio: "ignore" },
    );
  }
}
